package io.callrec.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.Topics;
import io.callrec.contracts.TraceLevels;
import io.callrec.gateway.control.ControlServer;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The levels the catalog publishes reach the gateway's loggers (platform TraceLevelListener, as in every service). */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class TraceLevelsTest {
    /** A logger of the callInformation area, as the gateway's classes get it. */
    private static final Logger CONTROL = Logger.getLogger(ControlServer.class);
    private static final java.util.logging.Logger TRANSCODER = java.util.logging.Logger.getLogger(
            "io.callrec.transcoder");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @AfterEach
    void backToInfo() throws Exception {
        publish(Map.of("recording", "INFO", "callInformation", "INFO", "converting", "INFO"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !CONTROL.isDebugEnabled());
    }

    @Test
    void publishedLevelsApplyToTheGatewaysOwnAreas() throws Exception {
        assertThat(CONTROL.isTraceEnabled()).isFalse();

        publish(Map.of("callInformation", "TRACE", "converting", "DEBUG"));

        await().atMost(Duration.ofSeconds(20)).until(CONTROL::isTraceEnabled);
        assertThat(TRANSCODER.getLevel()).as("converting is the transcoder's").isNull();
    }

    private void publish(Map<String, String> levels) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TRACE_LEVELS, TraceLevels.KEY,
                    new ObjectMapper().writeValueAsString(new TraceLevels(levels)))).get();
        }
    }
}
