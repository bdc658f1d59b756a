package io.callrec.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecords;

/** Handles all records of one poll together (e.g. in one transaction), on the {@link ConsumerLoop}'s thread. */
@FunctionalInterface
public interface PollHandler {

    /**
     * Handles the poll's records, all or none: throwing rewinds every partition of the poll to its first record and
     * reads them again after a back-off.
     */
    void handle(ConsumerRecords<String, byte[]> records) throws Exception;
}
