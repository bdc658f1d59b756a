package io.callrec.gateway.health;

import io.callrec.gateway.control.ControlServer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the phone control port is open; names the port actually bound (the configured one may be 0) and
 * the phone connections held, so an operator sees both without reading the log.
 */
@Readiness
@ApplicationScoped
public class ControlListenerCheck implements HealthCheck {
    private final ControlServer server;

    public ControlListenerCheck(ControlServer server) {
        this.server = server;
    }

    @Override
    public HealthCheckResponse call() {
        if (!server.listening()) {
            return HealthCheckResponse.down("control-listener");
        }
        return HealthCheckResponse.named("control-listener").up().withData("port", server.port())
                .withData("connections", server.connections()).build();
    }
}
