package io.callrec.catalog.health;

import io.callrec.catalog.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The recordings bucket exists and the object store answers. */
@Readiness
@ApplicationScoped
public class BucketReadinessCheck implements HealthCheck {
    private final ObjectStore store;

    public BucketReadinessCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("bucket").status(store.bucketExists())
                    .withData("bucket", store.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("bucket").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
