package io.callrec.transcoder.service;

import io.callrec.contracts.Codec;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.StreamCounters;
import io.callrec.transcoder.audio.WavSizeLimitException;
import io.callrec.transcoder.audio.WavWriter;
import io.callrec.transcoder.audio.timeline.CallTimeline;
import io.callrec.transcoder.audio.timeline.TimelineFigures;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * One streamed recording being rebuilt: its frames go through the timeline into a WAV file in the spool folder.
 * Memory stays bounded (the reorder window); the audio is on disk.
 */
public final class RecordingAssembly {
    private final UUID recordingId;
    private final Codec codec;
    private final Instant startedAt;
    private final Path wavFile;
    private final WavWriter wav;
    private final CallTimeline timeline;
    private long nextBatch;
    private long batchesMissing;
    private long lastArrivalMicros;
    private boolean cutAtWavLimit;

    public RecordingAssembly(FrameBatch first, Path spoolDir, TimelineSettings settings) throws IOException {
        this.recordingId = first.recordingId();
        this.codec = first.codec();
        this.startedAt = Instant.ofEpochMilli(first.startedAtMillis());
        this.wavFile = spoolDir.resolve(recordingId + ".wav");
        this.wav = new WavWriter(wavFile, codec.sampleRate(), 1);
        this.timeline = new CallTimeline(codec, settings, this::write);
        this.lastArrivalMicros = first.startedAtMillis() * 1000;
    }

    public UUID recordingId() {
        return recordingId;
    }

    /** Adds a batch; a batch seen again (a producer retry) is skipped. */
    public void add(FrameBatch batch) throws IOException {
        if (batch.batchSequence() < nextBatch) {
            return;
        }
        batchesMissing += batch.batchSequence() - nextBatch;
        nextBatch = batch.batchSequence() + 1;
        for (RtpFrame frame : batch.frames()) {
            timeline.add(frame);
            lastArrivalMicros = Math.max(lastArrivalMicros, frame.arrivalMicros());
        }
    }

    /** Past the 4 GiB WAV limit the rest of the call is not written (and the user is told). */
    private void write(short[] samples, int offset, int length) throws IOException {
        if (cutAtWavLimit) {
            return;
        }
        try {
            wav.write(samples, offset, length);
        } catch (WavSizeLimitException e) {
            cutAtWavLimit = true;
        }
    }

    /**
     * Completes the WAV with the ingest's counters and why the stream ended; the result describes the file, which
     * the caller uploads and then deletes.
     */
    public AssembledRecording finish(StreamCounters counters, String stopReason) throws IOException {
        TimelineFigures figures = timeline.finish();
        wav.close();
        String warning = null;
        if (counters.dropped() > 0 || batchesMissing > 0) {
            warning = counters.dropped() + " packets dropped at ingest, " + batchesMissing
                    + " frame batches missing: audio was lost before the transcoder";
        }
        if (cutAtWavLimit) {
            warning = "longer than a WAV file can hold (4 GiB): cut at the limit";
        }
        // The finishing time comes from the data, not the clock: finishing twice gives the same event.
        Instant endedAt = Instant.ofEpochSecond(0, lastArrivalMicros * 1000);
        return new AssembledRecording(recordingId, startedAt, endedAt, wavFile, codec.sampleRate(), 1, codec.name(), figures,
                counters.duplicates(), stopReason, warning);
    }

    /** Drops the partial file (the frames will be read again from Kafka). */
    public void discard() {
        try {
            wav.close();
            Files.deleteIfExists(wavFile);
        } catch (IOException e) {
            // Nothing to keep; a leftover spool file is overwritten by the replay.
        }
    }
}
