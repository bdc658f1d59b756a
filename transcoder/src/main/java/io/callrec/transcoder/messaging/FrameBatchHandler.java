package io.callrec.transcoder.messaging;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.StopReasons;
import io.callrec.platform.kafka.AssignedPartitions;
import io.callrec.platform.kafka.DeadLetterPublisher;
import io.callrec.platform.kafka.RecordHandler;
import io.callrec.transcoder.service.RecordingAssembly;
import io.callrec.transcoder.service.RecordingFinisher;
import io.callrec.transcoder.storage.RecordingStore;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Builds recordings from frame batches: each recording's batches go into its assembly; once every channel has ended
 * (one for a phone, one per direction for a SIPREC session) the assembly goes to the {@link RecordingFinisher},
 * which completes the WAV on a thread of its own, stores and announces it. Offsets move only as
 * {@link OpenRecordingsCommitPolicy} allows, so a replay starting in the middle of a recording means it was finished
 * before (its start lies before the committed offset); its object is checked and the rest skipped until every
 * channel's end of stream.
 * A recording whose rtp-ingest died gets no end of stream: once its partition is caught up and its last batch is
 * older than {@code ingest-lost-after}, it is finished with what it has (stop reason {@code ingest-lost}; or, if every
 * channel that came has ended and another never came, the reason of the last one to end).
 * A record that is no frame batch is set aside on the dead-letter topic. Any local failure (spool disk full,
 * object store away, Kafka refusing the dead letter) throws, or, when the finisher could not complete a WAV, is
 * reported after the next poll: the loop reads the partition again from its oldest open recording.
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
    private final long ingestLostAfterMillis;
    private final Map<UUID, OpenRecording> open = new HashMap<>();
    private final Map<UUID, SkippedRecording> skipping = new HashMap<>();
    /** WAVs the finisher's threads could not complete, for the consumer thread to rewind their partitions. */
    private final Queue<FailedCompletion> failedCompletions = new ConcurrentLinkedQueue<>();

    private record FailedCompletion(TopicPartition partition, RecordingFailedException cause) {
    }

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

    /** A recording finished before whose remaining batches are skipped until every channel's end of stream. */
    private static final class SkippedRecording {
        private final BitSet channelsToEnd = new BitSet();

        private SkippedRecording(int channels) {
            channelsToEnd.set(0, channels);
        }

        /** Notes the batch; true once every channel's end of stream was seen. */
        private boolean ended(FrameBatch batch) {
            if (batch.endOfStream()) {
                channelsToEnd.clear(batch.channel());
            }
            return channelsToEnd.isEmpty();
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
        this.ingestLostAfterMillis = ingestLostAfter.toMillis();
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
        SkippedRecording skipped = skipping.get(id);
        if (skipped != null) {
            if (skipped.ended(batch)) {
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
                if (finishedBefore(batch)) {
                    // A replay that began mid-recording, or a batch after it was judged lost: skip the rest.
                    SkippedRecording rest = new SkippedRecording(batch.channels());
                    if (!rest.ended(batch)) {
                        skipping.put(id, rest);
                    }
                    return;
                }
                recording = new OpenRecording(RecordingAssembly.open(batch, spoolDir, settings), partition);
                open.put(id, recording);
                ledger.opened(partition, id, record.offset());
            }
            if (batch.channels() != recording.assembly.channels()) {
                LOG.warnf("Recording %s: a batch of channel %d of %d channels, but the recording has %d; skipped", id,
                        batch.channel(), batch.channels(), recording.assembly.channels());
                return;
            }
            recording.assembly.add(batch);
            // The producer's time, not ours: a replay after a restart judges the recording as the first read did.
            recording.lastBatchAtMillis = Math.max(recording.lastBatchAtMillis, record.timestamp());
            if (recording.assembly.complete()) {
                open.remove(id);
                finish(id, recording, StopReasons.INGEST_LOST);
            }
        } catch (Exception e) {
            throw new RecordingFailedException(id, e);
        }
    }

    /**
     * Whether the batch belongs to a recording finished before (its object is stored), for a recording not open.
     * A mono recording's first batch is its first in the partition, so a later one found after the committed offset
     * means the start was read before. A multi-channel recording's other channel may begin anywhere after the
     * committed offset, so the store is asked at its first batch read, whatever its number.
     */
    private boolean finishedBefore(FrameBatch batch) throws Exception {
        if (batch.channels() == 1 && batch.batchSequence() == 0) {
            return false;
        }
        return store.exists(ObjectKeys.recording(batch.recordingId(), Instant.ofEpochMilli(batch.startedAtMillis())));
    }

    /**
     * Finishes the recordings whose rtp-ingest is gone: no batch for {@code ingest-lost-after} although their
     * partition is read to its end. Never during a replay backlog, where their later batches may still be unread.
     */
    @Override
    public void afterPoll(AssignedPartitions partitions) {
        for (FailedCompletion f = failedCompletions.poll(); f != null; f = failedCompletions.poll()) {
            partitions.failed(f.partition(), f.cause());
        }
        // Runs after every poll over every open recording (a thousand at 1,000 calls): a plain loop.
        long silentSince = System.currentTimeMillis() - ingestLostAfterMillis;
        List<OpenRecording> lost = new ArrayList<>(0);
        for (OpenRecording recording : open.values()) {
            if (recording.lastBatchAtMillis <= silentSince && partitions.caughtUp(recording.partition)) {
                lost.add(recording);
            }
        }
        for (OpenRecording recording : lost) {
            UUID id = recording.assembly.recordingId();
            open.remove(id);
            if (recording.assembly.seenChannelsEnded()) {
                LOG.infof("Recording %s: every channel that came has ended, the others never came; finishing it", id);
            } else {
                LOG.warnf("Recording %s: no frames since %s and no end of stream; its rtp-ingest is lost,"
                        + " finishing it with what arrived", id, Instant.ofEpochMilli(recording.lastBatchAtMillis));
                ingestLost.increment();
            }
            finish(id, recording, StopReasons.INGEST_LOST);
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

    private void finish(UUID id, OpenRecording recording, String unendedReason) {
        finisher.complete(recording.assembly, unendedReason, () -> ledger.announced(recording.partition, id),
                e -> failedCompletions.add(new FailedCompletion(recording.partition,
                        new RecordingFailedException(id, e))));
    }
}
