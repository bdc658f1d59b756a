package io.callrec.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** The default {@link CommitPolicy}: a partition is committed up to the record after the last one handled. */
final class HandledRecordsPolicy implements CommitPolicy {
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    @Override
    public void handled(ConsumerRecord<String, byte[]> record) {
        nextOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    @Override
    public OptionalLong committable(TopicPartition partition) {
        Long next = nextOffsets.get(partition);
        return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    @Override
    public void forget(TopicPartition partition) {
        nextOffsets.remove(partition);
    }
}
