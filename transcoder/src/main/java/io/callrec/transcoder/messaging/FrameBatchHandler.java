package io.callrec.transcoder.messaging;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.StreamCounters;
import io.callrec.platform.kafka.AssignedPartitions;
import io.callrec.platform.kafka.DeadLetterPublisher;
import io.callrec.platform.kafka.RecordHandler;
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
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Builds recordings from frame batches: each recording's batches go into its assembly; at end of stream the WAV
 * goes to the {@link RecordingFinisher}, which announces it. Offsets move only as {@link OpenRecordingsCommitPolicy}
 * allows, so a replay starting in the middle of a recording means it was finished before (its start lies before the
 * committed offset); its object is checked and the tail skipped.
 * A recording whose rtp-ingest died gets no end of stream: once its partition is caught up and its last batch is
 * older than {@code ingest-lost-after}, it is finished with what it has (stop reason {@code ingest-lost}).
 * A record that is no frame batch is set aside on the dead-letter topic. Any local failure (spool disk full,
 * object store away, Kafka refusing the dead letter) throws: the loop reads the partition again from its oldest
 * open recording.
 */
final class FrameBatchHandler implements RecordHandler {
    private static final Logger LOG = Logger.getLogger(FrameBatchHandler.class);

    private final OpenRecordingsCommitPolicy ledger;
    private final Path spoolDir;
    private final TimelineSettings settings;
    private final RecordingFinisher finisher;
    private final RecordingStore store;
    private final DeadLetterPublisher deadLetters;
    private final Counter ingestLost;
    private final Duration ingestLostAfter;
    private final Map<UUID, OpenRecording> open = new HashMap<>();
    private final Set<UUID> skipping = new HashSet<>();

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

    FrameBatchHandler(OpenRecordingsCommitPolicy ledger, Path spoolDir, TimelineSettings settings,
                      RecordingFinisher finisher, RecordingStore store, DeadLetterPublisher deadLetters,
                      Counter ingestLost, Duration ingestLostAfter) {
        this.ledger = ledger;
        this.spoolDir = spoolDir;
        this.settings = settings;
        this.finisher = finisher;
        this.store = store;
        this.deadLetters = deadLetters;
        this.ingestLost = ingestLost;
        this.ingestLostAfter = ingestLostAfter;
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) throws RecordingFailedException {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        FrameBatch batch;
        try {
            batch = FrameBatchCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            deadLetters.setAside(record, "not a frame batch: " + e.getMessage());
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
                if (ledger.isOpen(partition, id)) {
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
                ledger.opened(partition, id, record.offset());
            }
            recording.assembly.add(batch);
            // The producer's time, not ours: a replay after a restart judges the recording as the first read did.
            recording.lastBatchAtMillis = Math.max(recording.lastBatchAtMillis, record.timestamp());
            if (batch.endOfStream()) {
                open.remove(id);
                finish(id, recording, batch.counters(), batch.stopReason());
            }
        } catch (Exception e) {
            throw new RecordingFailedException(id, e);
        }
    }

    /**
     * Finishes the recordings whose rtp-ingest is gone: no batch for {@code ingest-lost-after} although their
     * partition is read to its end. Never during a replay backlog, where their later batches may still be unread.
     */
    @Override
    public void afterPoll(AssignedPartitions partitions) {
        long now = System.currentTimeMillis();
        List<Map.Entry<UUID, OpenRecording>> lost = open.entrySet().stream()
                .filter(e -> now - e.getValue().lastBatchAtMillis >= ingestLostAfter.toMillis())
                .filter(e -> partitions.caughtUp(e.getValue().partition))
                .toList();
        for (Map.Entry<UUID, OpenRecording> entry : lost) {
            UUID id = entry.getKey();
            OpenRecording recording = entry.getValue();
            if (open.remove(id) == null) {
                continue; // forgotten by the rewind of an earlier one in this list
            }
            LOG.warnf("Recording %s: no frames since %s and no end of stream; its rtp-ingest is lost, finishing it"
                    + " with what arrived", id, Instant.ofEpochMilli(recording.lastBatchAtMillis));
            try {
                finish(id, recording, StreamCounters.NONE, StopReasons.INGEST_LOST);
                ingestLost.increment();
            } catch (IOException e) {
                recording.assembly.discard();
                partitions.failed(recording.partition, new RecordingFailedException(id, e));
            }
        }
    }

    /** Drops the partitions' recordings in progress: they are read again from their first batch. */
    @Override
    public void forget(Collection<TopicPartition> partitions) {
        open.values().removeIf(o -> {
            if (partitions.contains(o.partition)) {
                o.assembly.discard();
                return true;
            }
            return false;
        });
        skipping.clear(); // recomputed on replay
    }

    private void finish(UUID id, OpenRecording recording, StreamCounters counters, String stopReason)
            throws IOException {
        AssembledRecording assembled = recording.assembly.finish(counters, stopReason);
        finisher.finish(assembled, () -> ledger.announced(recording.partition, id));
    }
}
