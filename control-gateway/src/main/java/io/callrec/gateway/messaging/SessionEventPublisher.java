package io.callrec.gateway.messaging;

import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.JsonEventProducer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes session events to {@code callrec.sessions}, keyed by recording id. */
@ApplicationScoped
public class SessionEventPublisher {
    private final JsonEventProducer producer;

    public SessionEventPublisher(JsonEventProducer producer) {
        this.producer = producer;
    }

    /** Completes when Kafka has the event; fails when it could not be stored within seconds. */
    public Uni<Void> publish(SessionEvent event) {
        // The send may block briefly on metadata when Kafka is away: keep it off the event loop.
        return Uni.createFrom().completionStage(() -> producer.send(Topics.SESSIONS, event.recordingId().toString(),
                event)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
