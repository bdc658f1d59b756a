package io.callrec.catalog.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.Topics;
import io.callrec.stack.CallrecStackTestResource;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes real session and recording events to the embedded Kafka, as control-gateway and transcoder do. */
public final class Events {
    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private Events() {
    }

    public static SessionEvent started(UUID id, String device, String localNumber, String localName,
                                       String remoteNumber, String remoteName, String direction, Instant at) {
        return new SessionEvent(SessionEvent.STARTED, id, "phone-" + id.toString().substring(0, 8), device,
                "192.0.2.10", localNumber, localName, remoteNumber, remoteName, direction, "PCMA", "127.0.0.1",
                40000, null, at);
    }

    public static SessionEvent stopped(UUID id, String reason, Instant at) {
        return SessionEvent.stopped(id, "phone-" + id.toString().substring(0, 8), reason, at);
    }

    public static RecordingEvent stored(UUID id, String objectKey, long sizeBytes, Instant at) {
        return new RecordingEvent(RecordingEvent.STORED, id, objectKey, sizeBytes, 4000, 8000, 1,
                "PCMA", "ab".repeat(32), 200, 3, 1, 2, 60, "normal", null, null, at);
    }

    public static RecordingEvent failed(UUID id, String reason, Instant at) {
        return RecordingEvent.failed(id, reason, at);
    }

    public static void publish(SessionEvent event) {
        send(Topics.SESSIONS, event.recordingId(), event);
    }

    public static void publish(RecordingEvent event) {
        send(Topics.RECORDINGS, event.recordingId(), event);
    }

    public static void publishRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A locally administered MAC no other test uses. */
    public static String randomDevice() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder mac = new StringBuilder("02");
        for (int i = 0; i < 5; i++) {
            mac.append(String.format(":%02x", random.nextInt(256)));
        }
        return mac.toString();
    }

    private static void send(String topic, UUID key, Object event) {
        try {
            publishRaw(topic, key.toString(), JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CallrecStackTestResource.stack().kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        return producer;
    }
}
