package io.callrec.stack;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * callrec's infrastructure image ({@code deploy/images}: Kafka, PostgreSQL and the S3 store of
 * {@link InfrastructureMain}) run by Testcontainers on the Docker-compatible engine it finds ({@code DOCKER_HOST};
 * podman's service too, with {@code TESTCONTAINERS_RYUK_DISABLED=true}). The engine maps the three ports to random
 * host ports, read back here. Kafka must hand its clients the mapped port, which exists only once the container runs:
 * the container waits for it in a file this class copies in.
 */
public final class InfrastructureContainer extends GenericContainer<InfrastructureContainer> implements Infrastructure {
    private static final int KAFKA_PORT = 9092;
    private static final int POSTGRES_PORT = 5432;
    private static final int S3_PORT = 9000;
    private static final String KAFKA_ADVERTISED_PORT_FILE = "/tmp/kafka-advertised-port";

    private final StackSettings settings;

    private InfrastructureContainer(String image, StackSettings settings) {
        super(DockerImageName.parse(image));
        this.settings = settings;
        withExposedPorts(KAFKA_PORT, POSTGRES_PORT, S3_PORT);
        withEnv("CALLREC_INFRA_KAFKA_PORT", String.valueOf(KAFKA_PORT));
        withEnv("CALLREC_INFRA_POSTGRES_PORT", String.valueOf(POSTGRES_PORT));
        withEnv("CALLREC_INFRA_S3_PORT", String.valueOf(S3_PORT));
        withEnv("CALLREC_INFRA_KAFKA_ADVERTISED_PORT_FILE", KAFKA_ADVERTISED_PORT_FILE);
        withEnv("CALLREC_INFRA_DATABASE_USER", StackSettings.DATABASE_USER);
        withEnv("CALLREC_INFRA_DATABASE_PASSWORD", StackSettings.DATABASE_PASSWORD);
        withEnv("CALLREC_INFRA_S3_ACCESS_KEY", settings.s3AccessKey());
        withEnv("CALLREC_INFRA_S3_SECRET_KEY", settings.s3SecretKey());
        withEnv("CALLREC_INFRA_BUCKET", settings.bucket());
        waitingFor(Wait.forLogMessage(".*callrec-infrastructure: ready.*", 1)
                .withStartupTimeout(Duration.ofMinutes(3)));
    }

    /** Starts a container of {@code image} (e.g. {@code localhost/callrec/infrastructure:0.1.0}) and waits for it. */
    public static InfrastructureContainer start(String image) {
        StackSettings defaults = StackSettings.defaults(Path.of("/var/lib/callrec-infrastructure"));
        InfrastructureContainer container = new InfrastructureContainer(image, new StackSettings(defaults.dataDir(),
                KAFKA_PORT, POSTGRES_PORT, S3_PORT, defaults.bucket(), defaults.s3AccessKey(), defaults.s3SecretKey(),
                StackSettings.LOOPBACK));
        container.start();
        return container;
    }

    @Override
    protected void configure() {
        // Kafka advertises the engine's host name; any name but loopback also makes the servers listen on every
        // interface of the container, where the engine's port mappings arrive.
        withEnv("CALLREC_INFRA_ADVERTISED_HOST", getHost());
    }

    @Override
    protected void containerIsStarting(InspectContainerResponse containerInfo) {
        copyFileToContainer(Transferable.of(String.valueOf(getMappedPort(KAFKA_PORT))), KAFKA_ADVERTISED_PORT_FILE);
    }

    @Override
    public String kafkaBootstrapServers() {
        return getHost() + ":" + getMappedPort(KAFKA_PORT);
    }

    @Override
    public String host() {
        return getHost();
    }

    @Override
    public int postgresPort() {
        return getMappedPort(POSTGRES_PORT);
    }

    @Override
    public int s3Port() {
        return getMappedPort(S3_PORT);
    }

    @Override
    public StackSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        stop();
    }
}
