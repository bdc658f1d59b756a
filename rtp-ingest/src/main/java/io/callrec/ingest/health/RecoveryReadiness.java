package io.callrec.ingest.health;

import io.callrec.ingest.service.IngestSessions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the previous run's recordings are back on their ports (before that, no port is handed out). */
@Readiness
@ApplicationScoped
public class RecoveryReadiness implements HealthCheck {
    private final IngestSessions sessions;

    public RecoveryReadiness(IngestSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("recovery").status(sessions.recovered()).build();
    }
}
