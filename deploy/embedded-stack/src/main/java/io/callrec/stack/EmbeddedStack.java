package io.callrec.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * Kafka, PostgreSQL and the S3 store, started together in this JVM, stopped together (in reverse order).
 * Used by the launcher ({@code ./callrec up}), by every module's tests and inside the infrastructure image.
 */
public final class EmbeddedStack implements Infrastructure {
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
        return start(settings, 0);
    }

    /** @param kafkaAdvertisedPort the port Kafka's clients are given when a port mapping changes it (0: no mapping) */
    public static EmbeddedStack start(StackSettings settings, int kafkaAdvertisedPort) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            S3Server s3 = S3Server.start(settings.dataDir(), settings.s3Port(), settings.listenAddress(),
                    settings.s3AccessKey(), settings.s3SecretKey(), settings.bucket());
            started.add(s3);
            PostgresServer postgres = PostgresServer.start(settings.dataDir(), settings.postgresPort(), settings.listenAddress());
            started.add(postgres);
            KafkaServer kafka = KafkaServer.start(settings.dataDir(), settings.kafkaPort(), settings.listenAddress(),
                    settings.advertisedHost(), kafkaAdvertisedPort);
            return new EmbeddedStack(settings, kafka, postgres, s3);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String host() {
        return StackSettings.LOOPBACK;
    }

    @Override
    public int postgresPort() {
        return postgres.port();
    }

    @Override
    public int s3Port() {
        return s3.port();
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

    @Override
    public StackSettings settings() {
        return settings;
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
