package io.callrec.platform.kafka;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Handles a {@link ConsumerLoop}'s records one at a time, in partition order, on the loop's thread. */
public interface RecordHandler {

    /**
     * Handles one record. Throwing rewinds its partition to this record (or earlier, where the commit policy says
     * so) and reads it again after a back-off: a record is never skipped. A record that can never succeed must be
     * set aside by the handler (dead letter) and return normally.
     */
    void handle(ConsumerRecord<String, byte[]> record) throws Exception;

    /** After each poll's records: work that needs to know whether a partition is read to its end. */
    default void afterPoll(AssignedPartitions partitions) throws Exception {
    }

    /** The work in progress of these partitions is void: they are rewound, handed over, or the loop stops. */
    default void forget(Collection<TopicPartition> partitions) {
    }
}
