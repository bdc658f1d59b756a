package io.callrec.transcoder.messaging;

import io.callrec.platform.kafka.CommitPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The frame consumer's commit policy: a partition is committed only up to the first batch of its oldest recording
 * not yet announced ({@link PartitionLedger}), so after a crash or a hand-over the next owner replays every
 * unfinished recording whole. Recordings are announced on the finisher's threads and settled here on the consumer
 * thread, before each commit.
 */
final class OpenRecordingsCommitPolicy implements CommitPolicy {
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private final ConcurrentLinkedQueue<Announced> announced = new ConcurrentLinkedQueue<>();

    private record Announced(UUID recordingId, TopicPartition partition) {
    }

    /** The recording's first batch is at {@code offset}. */
    void opened(TopicPartition partition, UUID recordingId, long offset) {
        ledger(partition).opened(recordingId, offset);
    }

    /** True from the recording's first batch until its announcement is settled. */
    boolean isOpen(TopicPartition partition, UUID recordingId) {
        PartitionLedger ledger = ledgers.get(partition);
        return ledger != null && ledger.isOpen(recordingId);
    }

    /** The recording is stored and announced; any thread. */
    void announced(TopicPartition partition, UUID recordingId) {
        announced.add(new Announced(recordingId, partition));
    }

    @Override
    public void handled(ConsumerRecord<String, byte[]> record) {
        ledger(new TopicPartition(record.topic(), record.partition())).read(record.offset());
    }

    @Override
    public OptionalLong committable(TopicPartition partition) {
        settleAnnounced();
        PartitionLedger ledger = ledgers.get(partition);
        return ledger == null ? OptionalLong.empty() : ledger.committable();
    }

    @Override
    public void forget(TopicPartition partition) {
        settleAnnounced();
        ledgers.remove(partition);
    }

    private PartitionLedger ledger(TopicPartition partition) {
        return ledgers.computeIfAbsent(partition, p -> new PartitionLedger());
    }

    private void settleAnnounced() {
        for (Announced a = announced.poll(); a != null; a = announced.poll()) {
            PartitionLedger ledger = ledgers.get(a.partition());
            if (ledger != null) {
                ledger.closed(a.recordingId());
            }
        }
    }
}
