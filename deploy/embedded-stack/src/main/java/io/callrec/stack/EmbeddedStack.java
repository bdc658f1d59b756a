package io.callrec.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka, PostgreSQL and the S3 store, started together, stopped together (in reverse order).
 * Used by the launcher ({@code ./callrec up}) and by every module's tests.
 */
public final class EmbeddedStack implements AutoCloseable {
    private final StackSettings settings;
    private final KafkaServer kafka;
    private final PostgresServer postgres;
    private final S3Server s3;

    private EmbeddedStack(StackSettings settings, KafkaServer kafka, PostgresServer postgres, S3Server s3) {
        this.settings = settings;
        this.kafka = kafka;
        this.postgres = postgres;
        this.s3 = s3;
    }

    public static EmbeddedStack start(StackSettings settings) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            S3Server s3 = S3Server.start(settings.dataDir(), settings.s3Port(), settings.listenAddress(),
                    settings.s3AccessKey(), settings.s3SecretKey(), settings.bucket());
            started.add(s3);
            PostgresServer postgres = PostgresServer.start(settings.dataDir(), settings.postgresPort(), settings.listenAddress());
            started.add(postgres);
            KafkaServer kafka = KafkaServer.start(settings.dataDir(), settings.kafkaPort(), settings.listenAddress(),
                    settings.advertisedHost());
            return new EmbeddedStack(settings, kafka, postgres, s3);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public S3Server s3() {
        return s3;
    }

    public StackSettings settings() {
        return settings;
    }

    /**
     * The services' configuration for this stack, as Quarkus property names (the launcher passes them as
     * system properties, the tests as test-resource config).
     */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", StackSettings.DATABASE_USER);
        config.put("quarkus.datasource.password", StackSettings.DATABASE_PASSWORD);
        config.put("quarkus.minio.host", "http://127.0.0.1");
        config.put("quarkus.minio.port", String.valueOf(s3.port()));
        config.put("quarkus.minio.secure", "false");
        config.put("quarkus.minio.access-key", settings.s3AccessKey());
        config.put("quarkus.minio.secret-key", settings.s3SecretKey());
        config.put("callrec.storage.bucket", settings.bucket());
        return config;
    }

    @Override
    public void close() {
        closeAll(List.of(s3, postgres, kafka));
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                System.err.println("callrec: stopping " + parts.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
