package io.callrec.catalog.messaging;

import io.callrec.contracts.Topics;
import io.callrec.contracts.TraceLevels;
import io.callrec.platform.kafka.JsonEventProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Tells every service the trace levels: the whole set, JSON on callrec.trace-levels under its one key. */
@ApplicationScoped
public class TraceLevelPublisher {
    private final JsonEventProducer producer;

    public TraceLevelPublisher(JsonEventProducer producer) {
        this.producer = producer;
    }

    /** Blocks until the broker has the levels; the producer gives up after a few seconds. */
    public void publish(TraceLevels levels) {
        try {
            send(levels).join();
        } catch (CompletionException e) {
            throw new TraceLevelsNotPublishedException(e.getCause());
        }
    }

    /** Completes when the broker has the levels, on Kafka's I/O thread. */
    public CompletableFuture<Void> send(TraceLevels levels) {
        return producer.send(Topics.TRACE_LEVELS, TraceLevels.KEY, levels);
    }
}
