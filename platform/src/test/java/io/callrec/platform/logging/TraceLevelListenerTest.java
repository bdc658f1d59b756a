package io.callrec.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.Topics;
import io.callrec.contracts.TraceLevels;
import io.callrec.platform.kafka.ConsumerLoops;
import io.callrec.stack.KafkaServer;
import io.callrec.stack.StackSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listeners of two services in one JVM: loggers are shared, so each test looks at the categories it set. */
class TraceLevelListenerTest {
    private static final String TRANSCODER = "io.callrec.transcoder";
    private static final String GATEWAY_CONTROL = "io.callrec.gateway.control";
    private static final String GATEWAY_SESSIONS = "io.callrec.gateway.service";
    private static final String INGEST = "io.callrec.ingest";
    private static final String CATALOG_API = "io.callrec.catalog.api";
    /** Held here: java.util.logging forgets the level of a logger nobody holds. */
    private static final List<Logger> LOGGERS = List.of(TRANSCODER, GATEWAY_CONTROL, GATEWAY_SESSIONS, INGEST,
            CATALOG_API).stream().map(Logger::getLogger).toList();

    private static KafkaServer kafka;
    private static KafkaProducer<String, String> producer;
    private final ObjectMapper json = new ObjectMapper();
    private final List<ConsumerLoops> services = new ArrayList<>();

    @BeforeAll
    static void startKafka() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-");
        kafka = KafkaServer.start(dir, 0, StackSettings.LOOPBACK, StackSettings.LOOPBACK);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stopKafka() {
        producer.close();
        kafka.close();
    }

    @AfterEach
    void stopListenersAndResetLoggers() throws Exception {
        for (ConsumerLoops service : services) {
            service.stopHearing(new ShutdownEvent());
        }
        LOGGERS.forEach(logger -> logger.setLevel(null));
    }

    @Test
    void everyServiceAppliesAChangeToItsOwnAreasOnly() throws Exception {
        start("transcoder");
        start("control-gateway");

        publish(Map.of("converting", "DEBUG", "callInformation", "TRACE", "recording", "WARN", "ui", "ERROR"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(level(TRANSCODER)).isEqualTo(org.jboss.logmanager.Level.DEBUG);
            assertThat(level(GATEWAY_CONTROL)).isEqualTo(org.jboss.logmanager.Level.TRACE);
            assertThat(level(GATEWAY_SESSIONS)).isEqualTo(org.jboss.logmanager.Level.WARN);
        });
        assertThat(level(INGEST)).as("recording in rtp-ingest, which does not run here").isNull();
        assertThat(level(CATALOG_API)).as("ui is the catalog's").isNull();
    }

    @Test
    void aServiceStartedAfterAChangeGetsTheCurrentLevels() throws Exception {
        publish(Map.of("converting", "DEBUG"));
        publish(Map.of("converting", "ERROR"));

        start("transcoder");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(level(TRANSCODER)).isEqualTo(org.jboss.logmanager.Level.ERROR));
    }

    @Test
    void aRecordThatIsNoLevelSetDoesNotHoldUpTheNext() throws Exception {
        start("transcoder");

        producer.send(new ProducerRecord<>(Topics.TRACE_LEVELS, TraceLevels.KEY, "not json")).get();
        publish(Map.of("converting", "TRACE"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(level(TRANSCODER)).isEqualTo(org.jboss.logmanager.Level.TRACE));
    }

    @Test
    void theLevelsTopicIsCompactedWithOnePartition() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TRACE_LEVELS);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(Topics.TRACE_LEVELS)).allTopicNames().get()
                    .get(Topics.TRACE_LEVELS).partitions()).hasSize(1);
        }
    }

    private void start(String service) {
        ConsumerLoops loops = new ConsumerLoops(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()));
        services.add(loops);
        new TraceLevelListener(loops, json, new LoggerLevels(service)).start(new StartupEvent());
    }

    private void publish(Map<String, String> levels) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TRACE_LEVELS, TraceLevels.KEY,
                json.writeValueAsString(new TraceLevels(levels)))).get();
    }

    private static Level level(String category) {
        return Logger.getLogger(category).getLevel();
    }
}
