package io.callrec.platform.kafka;

import org.apache.kafka.common.TopicPartition;

/** What a {@link RecordHandler} may ask of, or tell, its loop about a partition between polls. */
public interface AssignedPartitions {

    /** True when every record the partition held at the last poll was read, and it is not waiting out a failure. */
    boolean caughtUp(TopicPartition partition);

    /** A failure outside {@link RecordHandler#handle}: the partition is rewound and read again after a back-off. */
    void failed(TopicPartition partition, Exception cause);
}
