package io.callrec.transcoder.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.Topics;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Publishes "recording stored / failed" to {@code callrec.recordings} (JSON, keyed by recording id). */
@ApplicationScoped
public class RecordingEventPublisher {
    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;

    public RecordingEventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                   ObjectMapper json) {
        this.json = json;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new StringSerializer());
    }

    /** Blocks until Kafka has the event; throws when it could not be stored. */
    public void publish(RecordingEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.RECORDINGS, event.recordingId().toString(),
                json.writeValueAsString(event))).get(60, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(10));
    }
}
