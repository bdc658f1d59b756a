package io.callrec.platform.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Makes a service's {@link ConsumerLoop}s, on the broker its {@code kafka.*} configuration names. */
@ApplicationScoped
public class ConsumerLoops {
    private final Map<String, Object> kafka;

    public ConsumerLoops(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    public ConsumerLoop eachRecord(ConsumerLoopSettings settings, RecordHandler handler, CommitPolicy policy) {
        return ConsumerLoop.eachRecord(kafka, settings, handler, policy);
    }

    public ConsumerLoop wholePolls(ConsumerLoopSettings settings, PollHandler handler) {
        return ConsumerLoop.wholePolls(kafka, settings, handler);
    }
}
