package io.callrec.platform.kafka;

import io.callrec.contracts.DeadLetter;
import io.callrec.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sets a record that cannot be processed aside on {@code callrec.deadletter}, with the service's name and the
 * reason, so that its partition moves on and an operator can read why (and replay it). Blocks until Kafka has
 * stored it: a consumer commits past the record only after that, so nothing is lost when Kafka is away.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    /** The most of a record's value kept in a dead letter. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final JsonEventProducer producer;
    private final String service;
    private final MeterRegistry registry;

    public DeadLetterPublisher(JsonEventProducer producer,
                               @ConfigProperty(name = "quarkus.application.name") String service,
                               MeterRegistry registry) {
        this.producer = producer;
        this.service = service;
        this.registry = registry;
    }

    /** Throws {@link DeadLetterException} when Kafka did not store it: the caller must not skip the record then. */
    public void setAside(ConsumerRecord<String, byte[]> record, String reason) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String kept = Base64.getEncoder().encodeToString(
                value.length > MAX_VALUE_BYTES ? Arrays.copyOf(value, MAX_VALUE_BYTES) : value);
        DeadLetter letter = new DeadLetter(service, record.topic(), record.partition(), record.offset(),
                record.key(), reason, kept, Instant.now());
        try {
            producer.send(Topics.DEAD_LETTER, record.key(), letter).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterException(record, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException(record, e);
        }
        registry.counter("callrec.deadletters", "topic", record.topic()).increment();
        LOG.warnf("Set %s-%d@%d (key %s) aside on %s: %s", record.topic(), record.partition(), record.offset(),
                record.key(), Topics.DEAD_LETTER, reason);
    }
}
