package io.callrec.ingest.service;

import io.callrec.contracts.EncodedFrameBatch;
import io.callrec.contracts.FrameBatchWriter;
import io.callrec.contracts.StreamCounters;
import io.callrec.contracts.ingest.RecordingChannel;
import io.callrec.ingest.messaging.FramePublisher;
import io.callrec.ingest.rtp.RecordingReceiver;
import io.callrec.ingest.storage.JournalEntry;
import io.callrec.ingest.storage.RecordingJournal;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * Where one recording's batches go: to Kafka, with the recording's journal entry kept ahead of them. The entry
 * reserves batch sequences in blocks, so it is rewritten every {@value #SEQUENCE_BLOCK}/2 batches rather than per
 * batch; it is marked ended before the end-of-stream batch is queued and removed once Kafka has that batch.
 * Journal writes run on the worker pool, each after the recording's previous one, so they land in the order they
 * were asked for; different recordings' writes (each forced to disk) run side by side, so a burst of starts is not
 * one disk flush after another. Used on its recording's event loop.
 */
final class RecordingOutput implements RecordingReceiver.BatchSink {
    private static final Logger LOG = Logger.getLogger(RecordingOutput.class);
    /**
     * Sequences reserved per journal write; after a crash the transcoder sees at most this many as missing. At
     * 10 batches a second a recording's entry is rewritten every 51 s: each write is forced to disk, and with 64
     * (every 3.2 s) the journal took a fifth of the service's CPU at 1,000 calls.
     */
    static final long SEQUENCE_BLOCK = 1024;

    private final Context context;
    private final RecordingJournal journal;
    private final FramePublisher publisher;
    private JournalEntry entry;
    /** The last journal write asked for; the next one starts when it is done. */
    private Future<Void> lastWrite = Future.succeededFuture();

    RecordingOutput(Context context, RecordingJournal journal, FramePublisher publisher, JournalEntry entry) {
        this.context = context;
        this.journal = journal;
        this.publisher = publisher;
        this.entry = entry;
    }

    /** Writes the entry as it is now; completes (also when the write failed, which is logged) on the event loop. */
    Future<Void> save() {
        return write(entry);
    }

    @Override
    public boolean accept(EncodedFrameBatch batch) {
        if (batch.batchSequence() + SEQUENCE_BLOCK / 2 >= entry.sequencesReservedUpTo()) {
            entry = entry.reservedUpTo(batch.batchSequence() + SEQUENCE_BLOCK);
            write(entry);
        }
        return publisher.publish(batch);
    }

    /**
     * Marks the entry ended with {@code reason}, then queues the end-of-stream batch and runs {@code queued} on the
     * event loop.
     */
    void endOfStream(EncodedFrameBatch batch, String reason, Runnable queued) {
        entry = entry.endedWith(reason);
        write(entry).onComplete(written -> {
            publisher.publish(batch, this::forget);
            queued.run();
        });
    }

    /** Journals the stream's hold, so a restarted instance does not time it out while the client is on hold. */
    Future<Void> hold(boolean on) {
        entry = entry.heldOn(on);
        return write(entry);
    }

    /** An end-of-stream batch without frames, after every sequence this stream may have used. */
    EncodedFrameBatch emptyEndOfStream(String reason) {
        RecordingChannel channel = entry.batchesFor();
        return new FrameBatchWriter(channel.recordingId(), channel.channel(), channel.channels(), entry.codec(),
                entry.startedAtMillis()).finishEndOfStream(entry.sequencesReservedUpTo(), StreamCounters.NONE, reason);
    }

    private Future<Void> write(JournalEntry snapshot) {
        lastWrite = lastWrite.compose(previous -> context.<Void>executeBlocking(() -> {
            journal.save(snapshot);
            return null;
        }, false)).recover(error -> {
            LOG.errorf("Recording %s: %s; it will not survive a restart", snapshot.recordingId(), error.getMessage());
            return Future.succeededFuture();
        });
        return lastWrite;
    }

    /** Runs on the Kafka producer's thread once the end-of-stream batch is in Kafka: one small file delete. */
    private void forget() {
        try {
            journal.remove(entry.recordingId());
        } catch (UncheckedIOException e) {
            LOG.errorf("Recording %s: %s; a restart will end it again", entry.recordingId(), e.getMessage());
        }
    }
}
