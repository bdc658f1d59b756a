package io.callrec.platform.health;

import io.callrec.platform.storage.ObjectStore;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the object store answers and has the recordings bucket: without it the catalog cannot serve
 * audio or take imports, and the transcoder's finished recordings would wait.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "callrec.storage.enabled", stringValue = "true")
public class ObjectStoreReadinessCheck implements HealthCheck {
    private final ObjectStore store;

    public ObjectStoreReadinessCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("object-store").status(store.bucketExists())
                    .withData("bucket", store.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("object-store").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
