package io.callrec.stack;

import io.callrec.contracts.Topics;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one), in this JVM; the controller
 * listener is on loopback, the client listener on the stack's listen address.
 * Its log lives in {@code <dataDir>/kafka}; a restart with the same folder keeps every topic and offset.
 * <p>
 * Clients are handed {@code advertisedHost:advertisedPort}. When a container engine maps the client port to another
 * port on the host, that address is not reachable from inside: the broker then also listens on an internal loopback
 * listener, for itself and for creating the topics.
 */
public final class KafkaServer implements AutoCloseable {
    private final KafkaConfig config;
    private final int port;
    private final String advertisedHost;
    private final int advertisedPort;
    private KafkaRaftServer server;

    private KafkaServer(KafkaConfig config, int port, String advertisedHost, int advertisedPort) {
        this.config = config;
        this.port = port;
        this.advertisedHost = advertisedHost;
        this.advertisedPort = advertisedPort;
        this.server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
    }

    public static KafkaServer start(Path dataDir, int port, String listenAddress, String advertisedHost) {
        return start(dataDir, port, listenAddress, advertisedHost, 0);
    }

    /** @param advertisedPort the port clients are given, when it is not the one the broker listens on (0: it is) */
    public static KafkaServer start(Path dataDir, int port, String listenAddress, String advertisedHost,
                                    int advertisedPort) {
        FreePorts.requireFree(port, "Kafka");
        return FreePorts.startOnPort(port, brokerPort -> startOn(dataDir, brokerPort, listenAddress, advertisedHost,
                advertisedPort == 0 ? brokerPort : advertisedPort));
    }

    private static KafkaServer startOn(Path dataDir, int brokerPort, String listenAddress, String advertisedHost,
                                       int advertisedPort) {
        // The controller listener is internal: next to the client port when that is free, anywhere otherwise.
        int controllerPort = FreePorts.isFree(brokerPort + 1) ? brokerPort + 1 : FreePorts.find();
        int internalPort = advertisedPort == brokerPort ? 0 : FreePorts.find();
        try {
            Path logDir = dataDir.resolve("kafka");
            Files.createDirectories(logDir);
            KafkaConfig config = KafkaConfig.fromProps(brokerProperties(logDir, brokerPort, controllerPort,
                    internalPort, listenAddress, advertisedHost + ":" + advertisedPort));
            format(logDir, config);
            KafkaServer kafka = new KafkaServer(config, brokerPort, advertisedHost, advertisedPort);
            kafka.createTopics(Topics.DEFAULT_PARTITIONS, internalPort == 0 ? kafka.bootstrapServers()
                    : StackSettings.LOOPBACK + ":" + internalPort);
            return kafka;
        } catch (StackStartException e) {
            throw e;
        } catch (Exception e) {
            throw new StackStartException("Kafka could not start on port " + brokerPort + ": "
                    + PostgresServer.rootMessage(e), e);
        }
    }

    public String bootstrapServers() {
        return advertisedHost + ":" + advertisedPort;
    }

    public int port() {
        return port;
    }

    /** @param internalPort the loopback listener's port when clients are given an address unreachable here, else 0 */
    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort, int internalPort,
                                               String listenAddress, String advertisedAddress) {
        String internal = internalPort == 0 ? "" : ",INTERNAL://127.0.0.1:" + internalPort;
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + listenAddress + ":" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort
                + internal);
        p.put("advertised.listeners", "PLAINTEXT://" + advertisedAddress + internal);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT");
        p.put("inter.broker.listener.name", internalPort == 0 ? "PLAINTEXT" : "INTERNAL");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.retention.hours", "168");
        p.put("num.partitions", "1");
        // The controller writes a no-op metadata record (appended, flushed, applied by the broker) when idle for this
        // long; Kafka's 500 ms was a steady idle cost of the stack JVM.
        p.put("metadata.max.idle.interval.ms", "5000");
        return p;
    }

    /** Formats the log folder the first time; a folder already formatted keeps its cluster id and data. */
    private static void format(Path logDir, KafkaConfig config) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(config.nodeId())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                .setDirectories(Set.of(logDir.toAbsolutePath().toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setUnstableFeatureVersionsEnabled(false)
                .setIgnoreFormatted(true)
                .run();
    }

    private void createTopics(Map<String, Integer> partitions, String bootstrap) throws InterruptedException,
            ExecutionException, TimeoutException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = partitions.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1).configs(Topics.configs(e.getKey())))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Stops the broker and starts it again on the same port and log, as an operator's restart would: clients see
     * the broker go away and come back with every topic and offset.
     */
    public synchronized void restart() {
        close();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
    }

    @Override
    public synchronized void close() {
        server.shutdown();
        server.awaitShutdown();
    }

}
