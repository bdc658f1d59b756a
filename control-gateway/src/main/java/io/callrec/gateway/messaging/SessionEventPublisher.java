package io.callrec.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Publishes session events to {@code callrec.sessions} (JSON, keyed by recording id), idempotent, acks=all. */
@ApplicationScoped
public class SessionEventPublisher {
    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;

    public SessionEventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                 ObjectMapper json) {
        this.json = json;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                // A start is answered only once its event is stored: a phone waits seconds, not minutes.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000),
                new StringSerializer(), new StringSerializer());
    }

    /** Completes when Kafka has the event; fails when it could not be stored in time. */
    public Uni<Void> publish(SessionEvent event) {
        String value;
        try {
            value = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SESSIONS,
                event.recordingId().toString(), value);
        // send() may block up to max.block.ms when Kafka is away: keep it off the event loop.
        return Uni.createFrom().<Void>emitter(emitter -> producer.send(record, (metadata, error) -> {
            if (error == null) {
                emitter.complete(null);
            } else {
                emitter.fail(error);
            }
        })).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
    }

    void stop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(10));
    }
}
