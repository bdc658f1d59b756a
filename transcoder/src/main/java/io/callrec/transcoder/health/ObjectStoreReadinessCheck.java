package io.callrec.transcoder.health;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the recordings bucket is reachable: finished recordings would wait otherwise. */
@Readiness
@ApplicationScoped
public class ObjectStoreReadinessCheck implements HealthCheck {
    private final MinioClient minio;
    private final String bucket;

    public ObjectStoreReadinessCheck(MinioClient minio, @ConfigProperty(name = "callrec.storage.bucket") String bucket) {
        this.minio = minio;
        this.bucket = bucket;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            boolean exists = minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
            return HealthCheckResponse.named("object-store").status(exists).withData("bucket", bucket).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("object-store").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
