package io.callrec.transcoder.messaging;

import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.JsonEventProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/** Publishes "recording stored / failed" to {@code callrec.recordings}, keyed by recording id. */
@ApplicationScoped
public class RecordingEventPublisher {
    private final JsonEventProducer producer;

    public RecordingEventPublisher(JsonEventProducer producer) {
        this.producer = producer;
    }

    /** Blocks until Kafka has the event; throws when it could not be stored (the caller retries). */
    public void publish(RecordingEvent event) throws Exception {
        producer.send(Topics.RECORDINGS, event.recordingId().toString(), event).get(30, TimeUnit.SECONDS);
    }
}
