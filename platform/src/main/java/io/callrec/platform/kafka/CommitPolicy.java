package io.callrec.platform.kafka;

import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides how far a {@link ConsumerLoop} may commit each partition. The loop tells it which records were handled
 * and which partitions it forgets (rewound after a failure, or handed to another consumer); it asks what to commit
 * after every poll and where to read again after a failure. Called on the loop's thread only.
 */
public interface CommitPolicy {

    /** The record was handled: as far as the loop is concerned it need not be read again. */
    void handled(ConsumerRecord<String, byte[]> record);

    /** The offset the partition may be committed to (the next one to read after a restart), empty if none yet. */
    OptionalLong committable(TopicPartition partition);

    /** The partition is read again from {@link #committable} on (rewound) or no longer ours: forget its state. */
    void forget(TopicPartition partition);

    /** Commits every record once it is handled. */
    static CommitPolicy handledRecords() {
        return new HandledRecordsPolicy();
    }
}
