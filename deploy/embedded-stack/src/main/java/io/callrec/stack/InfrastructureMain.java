package io.callrec.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The evaluation infrastructure as one process: Kafka, PostgreSQL and the S3 store of the embedded stack, listening
 * on every interface and advertised under a name other machines resolve (the infrastructure container image runs
 * this). Configured from the environment:
 * <ul>
 *   <li>{@code CALLREC_INFRA_ADVERTISED_HOST} (required) the name clients reach this process by; Kafka hands it out</li>
 *   <li>{@code CALLREC_INFRA_DATA_DIR} data folder (default {@code /var/lib/callrec-infrastructure})</li>
 *   <li>{@code CALLREC_INFRA_KAFKA_PORT}, {@code CALLREC_INFRA_POSTGRES_PORT}, {@code CALLREC_INFRA_S3_PORT}
 *       (9092, 5432, 9000)</li>
 *   <li>{@code CALLREC_INFRA_DATABASE_USER}, {@code CALLREC_INFRA_DATABASE_PASSWORD} (required) the database login
 *       other machines use</li>
 *   <li>{@code CALLREC_INFRA_S3_ACCESS_KEY}, {@code CALLREC_INFRA_S3_SECRET_KEY} (required), {@code CALLREC_INFRA_BUCKET}
 *       (default {@code callrec-recordings})</li>
 * </ul>
 * Runs until terminated; the stack stops with the JVM.
 */
public final class InfrastructureMain {

    private InfrastructureMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        StackSettings settings = new StackSettings(
                Path.of(env.getOrDefault("CALLREC_INFRA_DATA_DIR", "/var/lib/callrec-infrastructure")),
                Integer.parseInt(env.getOrDefault("CALLREC_INFRA_KAFKA_PORT", "9092")),
                Integer.parseInt(env.getOrDefault("CALLREC_INFRA_POSTGRES_PORT", "5432")),
                Integer.parseInt(env.getOrDefault("CALLREC_INFRA_S3_PORT", "9000")),
                env.getOrDefault("CALLREC_INFRA_BUCKET", "callrec-recordings"),
                required(env, "CALLREC_INFRA_S3_ACCESS_KEY"),
                required(env, "CALLREC_INFRA_S3_SECRET_KEY"),
                required(env, "CALLREC_INFRA_ADVERTISED_HOST"));
        EmbeddedStack stack = EmbeddedStack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "infrastructure-stop"));
        stack.postgres().allowPasswordLogin(required(env, "CALLREC_INFRA_DATABASE_USER"),
                required(env, "CALLREC_INFRA_DATABASE_PASSWORD"));
        System.out.println("callrec-infrastructure: ready - Kafka " + stack.kafkaBootstrapServers()
                + ", PostgreSQL port " + stack.postgres().port() + ", S3 port " + stack.s3().port()
                + ", bucket " + settings.bucket());
        stopped.await();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            System.err.println("callrec-infrastructure: " + name + " is required");
            System.exit(2);
        }
        return value;
    }
}
