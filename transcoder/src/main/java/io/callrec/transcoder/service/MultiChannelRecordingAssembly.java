package io.callrec.transcoder.service;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.StreamCounters;
import io.callrec.transcoder.audio.timeline.ChannelAligner;
import io.callrec.transcoder.audio.timeline.ChannelAligner.AlignedWav;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A recording of several channels (a SIPREC session: one direction each, possibly streamed by different rtp-ingest
 * processes), their batches interleaved in the partition. Each channel keeps its own batch sequence (duplicates
 * skipped, gaps counted) and its own end of stream; the {@link ChannelAligner} aligns them by arrival time when the
 * last has ended.
 */
final class MultiChannelRecordingAssembly implements RecordingAssembly {
    private final UUID recordingId;
    private final Instant startedAt;
    private final Path wavFile;
    private final ChannelAligner aligner;
    private final ChannelProgress[] progress;
    private long lastArrivalMicros;
    /** Why the recording stopped: the reason of the channel whose end was read last. */
    private String lastStopReason;

    /** One channel's batches so far. */
    private static final class ChannelProgress {
        private long nextBatch;
        private long batchesMissing;
        private FrameBatch end;

        /** Whether any batch of the channel came (every one taken moves {@code nextBatch} past 0). */
        private boolean seen() {
            return nextBatch > 0;
        }
    }

    MultiChannelRecordingAssembly(FrameBatch first, Path spoolDir, TimelineSettings settings) {
        this.recordingId = first.recordingId();
        this.startedAt = Instant.ofEpochMilli(first.startedAtMillis());
        this.wavFile = spoolDir.resolve(recordingId + ".wav");
        this.aligner = new ChannelAligner(wavFile, first.channels(), settings);
        this.progress = new ChannelProgress[first.channels()];
        for (int c = 0; c < progress.length; c++) {
            progress[c] = new ChannelProgress();
        }
        this.lastArrivalMicros = first.startedAtMillis() * 1000;
    }

    @Override
    public UUID recordingId() {
        return recordingId;
    }

    @Override
    public int channels() {
        return progress.length;
    }

    @Override
    public void add(FrameBatch batch) throws IOException {
        ChannelProgress channel = progress[batch.channel()];
        if (batch.batchSequence() < channel.nextBatch || channel.end != null) {
            return;
        }
        channel.batchesMissing += batch.batchSequence() - channel.nextBatch;
        channel.nextBatch = batch.batchSequence() + 1;
        aligner.open(batch.channel(), batch.codec());
        for (RtpFrame frame : batch.frames()) {
            aligner.add(batch.channel(), frame);
            lastArrivalMicros = Math.max(lastArrivalMicros, frame.arrivalMicros());
        }
        if (batch.endOfStream()) {
            channel.end = batch;
            lastStopReason = batch.stopReason();
        }
    }

    @Override
    public boolean complete() {
        for (ChannelProgress channel : progress) {
            if (channel.end == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean seenChannelsEnded() {
        for (ChannelProgress channel : progress) {
            if (channel.seen() && channel.end == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public AssembledRecording finish(String unendedReason) throws IOException {
        AlignedWav wav = aligner.finish();
        long dropped = 0;
        long duplicates = 0;
        long batchesMissing = 0;
        List<String> warnings = new ArrayList<>();
        for (int c = 0; c < progress.length; c++) {
            ChannelProgress channel = progress[c];
            StreamCounters counters = channel.end == null ? StreamCounters.NONE : channel.end.counters();
            dropped += counters.dropped();
            duplicates += counters.duplicates();
            batchesMissing += channel.batchesMissing;
            if (!channel.seen()) {
                warnings.add("channel " + (c + 1) + " of " + progress.length + " never arrived: it is silent");
            }
        }
        String lost = AssembledRecording.streamWarning(dropped, batchesMissing, wav.cutAtWavLimit());
        if (lost != null) {
            warnings.add(0, lost);
        }
        String stopReason = seenChannelsEnded() ? lastStopReason : unendedReason;
        // The finishing time comes from the data, not the clock: finishing twice gives the same event.
        Instant endedAt = Instant.ofEpochSecond(0, lastArrivalMicros * 1000);
        return new AssembledRecording(recordingId, startedAt, endedAt, wavFile, wav.sampleRate(), wav.channels(),
                wav.codecs(), wav.figures(), duplicates, stopReason, warnings.isEmpty() ? null : String.join("; ", warnings));
    }

    @Override
    public void discard() {
        aligner.discard();
    }
}
