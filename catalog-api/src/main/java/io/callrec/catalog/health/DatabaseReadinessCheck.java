package io.callrec.catalog.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** PostgreSQL answers through the reactive pool the catalog uses. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements AsyncHealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Pool pool;

    public DatabaseReadinessCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> HealthCheckResponse.up("postgresql"))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("postgresql").down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
