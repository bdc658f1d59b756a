package io.callrec.transcoder.service;

import io.callrec.contracts.FrameBatch;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One streamed recording being rebuilt from its frame batches into a WAV in the spool folder. A mono recording (a
 * phone's) goes straight through one timeline into the WAV; one of several channels (a SIPREC session, a channel
 * per direction) is aligned at the end. Memory stays bounded (a reorder window per channel); the audio is on disk.
 */
public interface RecordingAssembly {

    /** The assembly for the recording {@code first} belongs to, its channel count taken from that batch. */
    static RecordingAssembly open(FrameBatch first, Path spoolDir, TimelineSettings settings) throws IOException {
        return first.channels() == 1 ? new MonoRecordingAssembly(first, spoolDir, settings)
                : new MultiChannelRecordingAssembly(first, spoolDir, settings);
    }

    UUID recordingId();

    /** How many channels the recording has. */
    int channels();

    /** Adds a batch; a batch of a channel seen again (a producer retry) is skipped. */
    void add(FrameBatch batch) throws IOException;

    /** Every channel has ended (its end-of-stream batch was added). */
    boolean complete();

    /** Every channel that sent a batch has ended; the others never came. */
    boolean seenChannelsEnded();

    /**
     * Completes the WAV: the ended channels' counters summed, the stop reason of the channel that ended last, or
     * {@code unendedReason} if a channel that sent batches has not ended. The result describes the file, which the
     * caller uploads and then deletes.
     */
    AssembledRecording finish(String unendedReason) throws IOException;

    /** Drops the partial files (the frames will be read again from Kafka). */
    void discard();
}
