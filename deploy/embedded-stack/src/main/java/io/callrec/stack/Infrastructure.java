package io.callrec.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka, PostgreSQL and the S3 store as the services and the tests see them, wherever they run: in this JVM
 * ({@link EmbeddedStack}) or in a container of callrec's infrastructure image ({@link InfrastructureContainer}).
 */
public interface Infrastructure extends AutoCloseable {

    String kafkaBootstrapServers();

    /** The host PostgreSQL and the S3 store are reached on. */
    String host();

    int postgresPort();

    int s3Port();

    /** The bucket and the S3 keys (the ports in it are the requested ones, not necessarily those in use). */
    StackSettings settings();

    default String s3Endpoint() {
        return "http://" + host() + ":" + s3Port();
    }

    default String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + postgresPort() + "/" + StackSettings.DATABASE;
    }

    /**
     * The services' configuration for this infrastructure, as Quarkus property names (the launcher passes them as
     * system properties, the tests as test-resource config).
     */
    default Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        config.put("quarkus.datasource.reactive.url",
                "postgresql://" + host() + ":" + postgresPort() + "/" + StackSettings.DATABASE);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.username", StackSettings.DATABASE_USER);
        config.put("quarkus.datasource.password", StackSettings.DATABASE_PASSWORD);
        config.put("quarkus.minio.host", "http://" + host());
        config.put("quarkus.minio.port", String.valueOf(s3Port()));
        config.put("quarkus.minio.secure", "false");
        config.put("quarkus.minio.access-key", settings().s3AccessKey());
        config.put("quarkus.minio.secret-key", settings().s3SecretKey());
        config.put("callrec.storage.bucket", settings().bucket());
        return config;
    }

    /** Stops it; closing twice does nothing more. */
    @Override
    void close();
}
