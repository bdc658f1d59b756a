package io.callrec.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 *   <li>{@code CALLREC_INFRA_KAFKA_ADVERTISED_PORT_FILE} (optional) a file to wait for (up to a minute) that holds the
 *       port Kafka's clients are to be given: a container engine that maps the Kafka port to a random host port
 *       tells it only once the container runs ({@link InfrastructureContainer} writes it)</li>
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
        String advertisedPortFile = env.get("CALLREC_INFRA_KAFKA_ADVERTISED_PORT_FILE");
        EmbeddedStack stack = EmbeddedStack.start(settings,
                advertisedPortFile == null ? 0 : awaitPort(Path.of(advertisedPortFile)));
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

    /** The port in {@code file}, once it is there and written (it may appear empty first). */
    private static int awaitPort(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        String port = "";
        while (port.isEmpty()) {
            if (System.nanoTime() > deadline) {
                System.err.println("callrec-infrastructure: no port in " + file + " within a minute");
                System.exit(2);
            }
            Thread.sleep(50);
            port = Files.exists(file) ? Files.readString(file).strip() : "";
        }
        return Integer.parseInt(port);
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
