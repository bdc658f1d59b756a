package io.callrec.platform.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Makes a service's {@link ConsumerLoop}s, on the broker its {@code kafka.*} configuration names. */
@ApplicationScoped
public class ConsumerLoops {
    private final Map<String, Object> kafka;
    private final List<ConsumerLoop> hearing = new CopyOnWriteArrayList<>();

    public ConsumerLoops(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    public ConsumerLoop eachRecord(ConsumerLoopSettings settings, RecordHandler handler, CommitPolicy policy) {
        return ConsumerLoop.eachRecord(kafka, settings, handler, policy);
    }

    public ConsumerLoop wholePolls(ConsumerLoopSettings settings, PollHandler handler) {
        return ConsumerLoop.wholePolls(kafka, settings, handler);
    }

    /**
     * Starts a loop without a group ({@link ConsumerLoopSettings#withoutGroup}) that hands {@code handler} every
     * record of every partition of its topics; it stops with the service.
     */
    public void hearEveryPartition(ConsumerLoopSettings settings, RecordHandler handler) {
        ConsumerLoop loop = eachRecord(settings, handler, CommitPolicy.handledRecords());
        hearing.add(loop);
        loop.start();
    }

    /** Stops the loops {@link #hearEveryPartition} started. */
    public void stopHearing(@Observes ShutdownEvent shutdown) throws InterruptedException {
        for (ConsumerLoop loop : hearing) {
            loop.stop();
        }
        hearing.clear();
    }
}
