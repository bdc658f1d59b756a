package io.callrec.platform.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes callrec's JSON events (sessions, recordings, imports), keyed by recording id: idempotent,
 * {@code acks=all}. A send is given up after a few seconds so callers can answer or retry; nobody waits minutes.
 */
@ApplicationScoped
public class JsonEventProducer {
    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;

    public JsonEventProducer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                             ObjectMapper json) {
        this.json = json;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Completes when Kafka has stored the event, on Kafka's I/O thread (hop back to a Vert.x context before
     * touching anything bound to one). {@code send} may block while metadata is fetched: not on an event loop.
     */
    public CompletableFuture<Void> send(String topic, String key, Object event) {
        String value;
        try {
            value = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            stored.completeExceptionally(e);
        }
        return stored;
    }

    void stop(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(10));
    }
}
