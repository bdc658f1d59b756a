package io.callrec.transcoder.service;

import io.callrec.contracts.Codec;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.StreamCounters;
import io.callrec.transcoder.audio.WavWriter;
import io.callrec.transcoder.audio.timeline.CallTimeline;
import io.callrec.transcoder.audio.timeline.TimelineFigures;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import io.callrec.transcoder.audio.timeline.TruncatingWavSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/** A recording of one channel (a phone's): its frames go through the timeline straight into the WAV. */
final class MonoRecordingAssembly implements RecordingAssembly {
    private final UUID recordingId;
    private final Codec codec;
    private final Instant startedAt;
    private final Path wavFile;
    private final WavWriter wav;
    private final TruncatingWavSink sink;
    private final CallTimeline timeline;
    private long nextBatch;
    private long batchesMissing;
    private long lastArrivalMicros;
    /** The end-of-stream batch, once added. */
    private FrameBatch end;

    MonoRecordingAssembly(FrameBatch first, Path spoolDir, TimelineSettings settings) throws IOException {
        this.recordingId = first.recordingId();
        this.codec = first.codec();
        this.startedAt = Instant.ofEpochMilli(first.startedAtMillis());
        this.wavFile = spoolDir.resolve(recordingId + ".wav");
        this.wav = new WavWriter(wavFile, codec.sampleRate(), 1);
        this.sink = new TruncatingWavSink(wav);
        this.timeline = new CallTimeline(codec, settings, sink);
        this.lastArrivalMicros = first.startedAtMillis() * 1000;
    }

    @Override
    public UUID recordingId() {
        return recordingId;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
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
        if (batch.endOfStream()) {
            end = batch;
        }
    }

    @Override
    public boolean complete() {
        return end != null;
    }

    @Override
    public boolean seenChannelsEnded() {
        return end != null;
    }

    @Override
    public AssembledRecording finish(String unendedReason) throws IOException {
        StreamCounters counters = end == null ? StreamCounters.NONE : end.counters();
        String stopReason = end == null ? unendedReason : end.stopReason();
        TimelineFigures figures = timeline.finish();
        wav.close();
        String warning = AssembledRecording.streamWarning(counters.dropped(), batchesMissing, sink.cutAtLimit());
        // The finishing time comes from the data, not the clock: finishing twice gives the same event.
        Instant endedAt = Instant.ofEpochSecond(0, lastArrivalMicros * 1000);
        return new AssembledRecording(recordingId, startedAt, endedAt, wavFile, codec.sampleRate(), 1, codec.name(), figures,
                counters.duplicates(), stopReason, warning);
    }

    @Override
    public void discard() {
        try {
            wav.close();
            Files.deleteIfExists(wavFile);
        } catch (IOException e) {
            // Nothing to keep; a leftover spool file is overwritten by the replay.
        }
    }
}
