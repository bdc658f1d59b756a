package io.callrec.transcoder.messaging;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.StreamCounters;
import io.callrec.platform.kafka.DeadLetterException;
import io.callrec.platform.kafka.DeadLetterPublisher;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.service.AssembledRecording;
import io.callrec.transcoder.service.RecordingAssembly;
import io.callrec.transcoder.service.RecordingFinisher;
import io.callrec.transcoder.storage.RecordingStore;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
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
 * A recording whose rtp-ingest died gets no end of stream: once its partition is caught up and its last batch is
 * older than {@code ingest-lost-after}, it is finished with what it has (stop reason {@code ingest-lost}).
 * A record that is no frame batch is set aside on the dead-letter topic. Any local failure (spool disk full,
 * object store away, Kafka refusing the dead letter) rewinds the partition to that offset and retries later.
 */
public final class FrameConsumerLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(FrameConsumerLoop.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Path spoolDir;
    private final TimelineSettings settings;
    private final RecordingFinisher finisher;
    private final RecordingStore store;
    private final DeadLetterPublisher deadLetters;
    private final Counter ingestLost;
    private final long backoffMillis;
    private final long ingestLostAfterMillis;
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private final Map<UUID, OpenRecording> open = new HashMap<>();
    private final Set<UUID> skipping = new HashSet<>();
    private final ConcurrentLinkedQueue<Announced> announced = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private volatile boolean running = true;

    /** A recording being assembled, and when the producer wrote its latest batch (Kafka record timestamp). */
    private static final class OpenRecording {
        private final RecordingAssembly assembly;
        private final TopicPartition partition;
        private long lastBatchAtMillis;

        private OpenRecording(RecordingAssembly assembly, TopicPartition partition) {
            this.assembly = assembly;
            this.partition = partition;
        }
    }

    private record Announced(UUID recordingId, TopicPartition partition) {
    }

    public FrameConsumerLoop(KafkaConsumer<String, byte[]> consumer, String topic, TranscoderConfig config,
                             RecordingFinisher finisher, RecordingStore store, DeadLetterPublisher deadLetters,
                             Counter ingestLost) {
        this.consumer = consumer;
        this.topic = topic;
        this.spoolDir = config.spoolDir();
        this.settings = new TimelineSettings(config.reorderWindowPackets(), config.maxGap().toMillis());
        this.finisher = finisher;
        this.store = store;
        this.deadLetters = deadLetters;
        this.ingestLost = ingestLost;
        this.backoffMillis = config.retryBackoff().toMillis();
        this.ingestLostAfterMillis = config.ingestLostAfter().toMillis();
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
                finishLostRecordings();
                settleAnnounced();
                commit(false);
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } finally {
            settleAnnounced();
            commit(true);
            open.values().forEach(o -> o.assembly.discard());
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /** Stops: commits what is safe (never past an unfinished recording) and leaves. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (pausedUntil.containsKey(partition)) {
            return; // rewound: its records come again after the pause
        }
        PartitionLedger ledger = ledgers.computeIfAbsent(partition, p -> new PartitionLedger());
        ledger.read(record.offset());
        FrameBatch batch;
        try {
            batch = FrameBatchCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            setAside(record, partition, "not a frame batch: " + e.getMessage());
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
                    return; // finished and being announced; a stray retry of its last batch, or a late one
                }
                if (batch.batchSequence() > 0 && store.exists(ObjectKeys.recording(id,
                        Instant.ofEpochMilli(batch.startedAtMillis())))) {
                    // Finished before: a replay that began mid-recording, or a batch after it was judged lost.
                    if (!batch.endOfStream()) {
                        skipping.add(id);
                    }
                    return;
                }
                recording = new OpenRecording(new RecordingAssembly(batch, spoolDir, settings), partition);
                open.put(id, recording);
                ledger.opened(id, record.offset());
            }
            recording.assembly.add(batch);
            // The producer's time, not ours: a replay after a restart judges the recording as the first read did.
            recording.lastBatchAtMillis = Math.max(recording.lastBatchAtMillis, record.timestamp());
            if (batch.endOfStream()) {
                open.remove(id);
                finish(id, recording, batch.counters(), batch.stopReason());
            }
        } catch (Exception e) {
            LOG.errorf("Recording %s: %s; rewinding %s and retrying in %d ms", id, e.getMessage(), partition,
                    backoffMillis);
            rewind(partition, record.offset());
        }
    }

    private void finish(UUID id, OpenRecording recording, StreamCounters counters, String stopReason)
            throws IOException {
        AssembledRecording assembled = recording.assembly.finish(counters, stopReason);
        finisher.finish(assembled, () -> announced.add(new Announced(id, recording.partition)));
    }

    /** A record that can never be read as a frame batch: set aside, its partition moves on. */
    private void setAside(ConsumerRecord<String, byte[]> record, TopicPartition partition, String reason) {
        try {
            deadLetters.setAside(record, reason);
        } catch (DeadLetterException e) {
            LOG.errorf("%s; rewinding %s and retrying in %d ms", e.getMessage(), partition, backoffMillis);
            rewind(partition, record.offset());
        }
    }

    /**
     * Finishes the recordings whose rtp-ingest is gone: no batch for {@code ingest-lost-after} although their
     * partition is read to its end. Never during a replay backlog, where their later batches may still be unread.
     */
    private void finishLostRecordings() {
        long now = System.currentTimeMillis();
        List<Map.Entry<UUID, OpenRecording>> lost = open.entrySet().stream()
                .filter(e -> now - e.getValue().lastBatchAtMillis >= ingestLostAfterMillis)
                .filter(e -> caughtUp(e.getValue().partition))
                .toList();
        for (Map.Entry<UUID, OpenRecording> entry : lost) {
            UUID id = entry.getKey();
            OpenRecording recording = entry.getValue();
            if (open.remove(id) == null) {
                continue; // discarded by the rewind of an earlier one in this list
            }
            LOG.warnf("Recording %s: no frames since %s and no end of stream; its rtp-ingest is lost, finishing it"
                    + " with what arrived", id, Instant.ofEpochMilli(recording.lastBatchAtMillis));
            try {
                finish(id, recording, StreamCounters.NONE, StopReasons.INGEST_LOST);
                ingestLost.increment();
            } catch (IOException e) {
                LOG.errorf("Recording %s: %s; rewinding %s and retrying in %d ms", id, e.getMessage(),
                        recording.partition, backoffMillis);
                recording.assembly.discard();
                rewind(recording.partition, Long.MAX_VALUE);
            }
        }
    }

    private boolean caughtUp(TopicPartition partition) {
        if (pausedUntil.containsKey(partition)) {
            return false;
        }
        OptionalLong lag = consumer.currentLag(partition);
        return lag.isPresent() && lag.getAsLong() == 0;
    }

    /**
     * Forgets the partition's work in progress and reads it again from its committable offset (or the failed
     * record, if earlier: it may be the first of its recording, not yet in the ledger), after a pause.
     */
    private void rewind(TopicPartition partition, long failedOffset) {
        PartitionLedger ledger = ledgers.remove(partition);
        discardOpen(List.of(partition));
        OptionalLong from = ledger == null ? OptionalLong.empty() : ledger.replayFrom();
        long seekTo = Math.min(from.orElse(Long.MAX_VALUE), failedOffset);
        if (seekTo != Long.MAX_VALUE) {
            consumer.seek(partition, seekTo);
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
            if (partitions.contains(o.partition)) {
                o.assembly.discard();
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
