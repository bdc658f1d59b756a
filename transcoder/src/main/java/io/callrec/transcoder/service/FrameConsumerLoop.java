package io.callrec.transcoder.service;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.ObjectKeys;
import io.callrec.transcoder.storage.RecordingStore;
import io.callrec.transcoder.timeline.TimelineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The frame consumer: one thread, one Kafka consumer. Each recording's batches go into its assembly; at end of
 * stream the WAV goes to the {@link RecordingFinisher}. A partition's offset is committed only up to the first
 * batch of its oldest recording not yet announced, so after a crash or a rebalance the new owner replays every
 * unfinished recording whole. A replay that starts in the middle of a recording means the recording was finished
 * before (its start lies before the committed offset); its object is checked and the tail skipped.
 * Any local failure (spool disk full, object store away) rewinds the partition to that offset and retries later.
 */
public final class FrameConsumerLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(FrameConsumerLoop.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Path spoolDir;
    private final TimelineSettings settings;
    private final RecordingFinisher finisher;
    private final RecordingStore store;
    private final long backoffMillis;
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private final Map<UUID, OpenRecording> open = new HashMap<>();
    private final Set<UUID> skipping = new HashSet<>();
    private final ConcurrentLinkedQueue<Announced> announced = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private final AtomicLong batchesRead = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean commitOnExit = true;

    private record OpenRecording(RecordingAssembly assembly, TopicPartition partition) {
    }

    private record Announced(UUID recordingId, TopicPartition partition) {
    }

    public FrameConsumerLoop(KafkaConsumer<String, byte[]> consumer, String topic, Path spoolDir,
                             TimelineSettings settings, RecordingFinisher finisher, RecordingStore store,
                             Duration backoff) {
        this.consumer = consumer;
        this.topic = topic;
        this.spoolDir = spoolDir;
        this.settings = settings;
        this.finisher = finisher;
        this.store = store;
        this.backoffMillis = backoff.toMillis();
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topic), new Rebalance());
        try {
            while (running) {
                settleAnnounced();
                resumeDuePartitions();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    handle(record);
                }
                settleAnnounced();
                commit(false);
            }
        } catch (WakeupException stopping) {
            // stop() or crash() woke the poll
        } finally {
            if (commitOnExit) {
                settleAnnounced();
                commit(true);
            }
            open.values().forEach(o -> o.assembly().discard());
            consumer.close(Duration.ofSeconds(commitOnExit ? 10 : 0));
        }
    }

    /** Graceful stop: commits what is safe and leaves. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** As if the process died: leaves without committing anything more (for tests of recovery). */
    public void crash() {
        commitOnExit = false;
        stop();
    }

    public long batchesRead() {
        return batchesRead.get();
    }


    private void handle(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (pausedUntil.containsKey(partition)) {
            return; // rewound: its records come again after the pause
        }
        PartitionLedger ledger = ledgers.computeIfAbsent(partition, p -> new PartitionLedger());
        ledger.read(record.offset());
        batchesRead.incrementAndGet();
        FrameBatch batch;
        try {
            batch = FrameBatchCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            LOG.errorf("Skipping corrupt record %s@%d (key %s): %s", partition, record.offset(), record.key(),
                    e.getMessage());
            return;
        }
        UUID id = batch.recordingId();
        if (skipping.contains(id)) {
            if (batch.endOfStream()) {
                skipping.remove(id);
            }
            return;
        }
        try {
            OpenRecording recording = open.get(id);
            if (recording == null) {
                if (ledger.isOpen(id)) {
                    return; // finished and being announced; a stray retry of its last batch
                }
                if (batch.batchSequence() > 0 && store.exists(ObjectKeys.recording(id,
                        Instant.ofEpochMilli(batch.startedAtMillis())))) {
                    if (!batch.endOfStream()) {
                        skipping.add(id);
                    }
                    return;
                }
                recording = new OpenRecording(new RecordingAssembly(batch, spoolDir, settings), partition);
                open.put(id, recording);
                ledger.opened(id, record.offset());
            }
            recording.assembly().add(batch);
            if (batch.endOfStream()) {
                open.remove(id);
                AssembledRecording assembled = recording.assembly().finish(batch);
                finisher.finish(assembled, () -> announced.add(new Announced(id, partition)));
            }
        } catch (Exception e) {
            LOG.errorf("Recording %s: %s; rewinding %s and retrying in %d ms", id, e.getMessage(), partition,
                    backoffMillis);
            rewind(partition);
        }
    }

    /** Forgets the partition's work in progress and reads it again from its committable offset, after a pause. */
    private void rewind(TopicPartition partition) {
        PartitionLedger ledger = ledgers.remove(partition);
        discardOpen(List.of(partition));
        if (ledger != null) {
            OptionalLong from = ledger.replayFrom();
            if (from.isPresent()) {
                consumer.seek(partition, from.getAsLong());
            }
        }
        consumer.pause(List.of(partition));
        pausedUntil.put(partition, System.currentTimeMillis() + backoffMillis);
    }

    private void resumeDuePartitions() {
        long now = System.currentTimeMillis();
        pausedUntil.entrySet().removeIf(e -> {
            if (e.getValue() <= now) {
                consumer.resume(List.of(e.getKey()));
                return true;
            }
            return false;
        });
    }

    private void settleAnnounced() {
        for (Announced a = announced.poll(); a != null; a = announced.poll()) {
            PartitionLedger ledger = ledgers.get(a.partition());
            if (ledger != null) {
                ledger.closed(a.recordingId());
            }
        }
    }

    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        ledgers.forEach((partition, ledger) -> ledger.committable().ifPresent(offset -> {
            if (!Long.valueOf(offset).equals(lastCommitted.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        }));
        if (offsets.isEmpty()) {
            return;
        }
        try {
            if (sync) {
                consumer.commitSync(offsets, Duration.ofSeconds(10));
            } else {
                consumer.commitAsync(offsets, (done, error) -> {
                    if (error != null) {
                        LOG.warnf("Offset commit failed (it is retried with the next): %s", error.getMessage());
                        done.keySet().forEach(lastCommitted::remove);
                    }
                });
            }
            offsets.forEach((p, o) -> lastCommitted.put(p, o.offset()));
        } catch (RuntimeException e) {
            LOG.warnf("Offset commit failed: %s", e.getMessage());
        }
    }

    private void discardOpen(Collection<TopicPartition> partitions) {
        open.values().removeIf(o -> {
            if (partitions.contains(o.partition())) {
                o.assembly().discard();
                return true;
            }
            return false;
        });
        skipping.clear(); // recomputed on replay
    }

    /** On losing partitions: commit what is safe, drop their work in progress (the new owner replays it). */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            settleAnnounced();
            commit(true);
            discardOpen(partitions);
            partitions.forEach(p -> {
                ledgers.remove(p);
                pausedUntil.remove(p);
                lastCommitted.remove(p);
            });
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Reading starts at the committed offset: exactly where unfinished recordings begin.
        }
    }
}
