package io.callrec.platform.storage;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link SigV4Presigner} for the store the MinIO client talks to, from the same settings, read as quarkus-minio
 * reads them: {@code host} (a scheme in it is replaced by {@code secure}'s), {@code port} if set. The region is
 * not asked of the store: {@code quarkus.minio.region} must name it unless it is {@code us-east-1} (MinIO's and
 * s3proxy's default). URLs are path-style ({@code /bucket/key}).
 */
@Dependent
@IfBuildProperty(name = "callrec.storage.enabled", stringValue = "true")
class SigV4PresignerProducer {

    @Produces
    @Singleton
    SigV4Presigner presigner(@ConfigProperty(name = "quarkus.minio.host") String host,
                             @ConfigProperty(name = "quarkus.minio.port") Optional<Integer> port,
                             @ConfigProperty(name = "quarkus.minio.secure", defaultValue = "true") boolean secure,
                             @ConfigProperty(name = "quarkus.minio.region", defaultValue = "us-east-1") String region,
                             @ConfigProperty(name = "quarkus.minio.access-key") String accessKey,
                             @ConfigProperty(name = "quarkus.minio.secret-key") String secretKey) {
        return new SigV4Presigner(endpoint(host, port, secure), region, accessKey, secretKey);
    }

    static URI endpoint(String host, Optional<Integer> port, boolean secure) {
        URI given = URI.create(host.contains("://") ? host : "https://" + host);
        int chosenPort = port.orElse(given.getPort());
        return URI.create((secure ? "https" : "http") + "://" + given.getHost() + (chosenPort == -1 ? "" : ":" + chosenPort));
    }
}
