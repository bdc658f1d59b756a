package io.callrec.transcoder.audio.timeline;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import io.callrec.transcoder.audio.WavWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds the channels of one recording side by side and writes them as one interleaved WAV: each channel (one
 * direction of a call) goes through its own {@link CallTimeline} into a mono side file next to the WAV, so memory
 * stays at one reorder window per channel whatever the call's length. The channels are aligned by the arrival
 * (capture) time of their first frames on a common wall clock, decided at {@link #finish()} because a channel's
 * first frame may come after the other's: each channel starts with the silence between the earliest first frame of
 * any channel and its own, at most {@link TimelineSettings#maxGapMillis()} (arrival times are the sender's or
 * another machine's word). Channels of different rates (G.711 beside G.722) are written at the higher rate, each
 * sample of the lower one repeated. A channel that never got a frame is silence.
 *
 * <p>Used for two-way PCAP imports and for SIPREC sessions streamed by rtp-ingest. Not thread-safe.
 */
public final class ChannelAligner {
    private static final int FRAMES_PER_WRITE = 4096;

    private final Path wavFile;
    private final TimelineSettings settings;
    private final ChannelTrack[] tracks;

    /** @param channels how many channels the WAV has (1 or 2) */
    public ChannelAligner(Path wavFile, int channels, TimelineSettings settings) {
        this.wavFile = wavFile;
        this.settings = settings;
        this.tracks = new ChannelTrack[channels];
    }

    /** Opens the channel with its codec if it is not open yet; its side file is created now. */
    public void open(int channel, Codec codec) throws IOException {
        if (tracks[channel] == null) {
            Path sideFile = wavFile.resolveSibling(wavFile.getFileName() + ".ch" + channel);
            tracks[channel] = new ChannelTrack(codec, sideFile, settings);
        }
    }

    /** Takes the channel's next frame in arrival order; its arrival time is on the clock every channel shares. */
    public void add(int channel, RtpFrame frame) throws IOException {
        ChannelTrack track = tracks[channel];
        if (track == null) {
            throw new IllegalStateException("channel " + channel + " is not open");
        }
        track.add(frame);
    }

    /**
     * Finishes every channel, aligns them and writes the WAV; the side files are deleted. Past the 4 GiB WAV limit
     * the rest is left out ({@link AlignedWav#cutAtWavLimit()}).
     */
    public AlignedWav finish() throws IOException {
        try {
            List<TimelineFigures> figures = new ArrayList<>();
            int sampleRate = 0;
            long earliest = Long.MAX_VALUE;
            Set<String> codecs = new LinkedHashSet<>();
            for (ChannelTrack track : tracks) {
                if (track != null) {
                    figures.add(track.finish());
                    sampleRate = Math.max(sampleRate, track.codec.sampleRate());
                    earliest = Math.min(earliest, track.firstArrivalMicros);
                    codecs.add(track.codec.name());
                }
            }
            if (sampleRate == 0) {
                throw new IllegalStateException("no channel was opened");
            }
            long frames;
            boolean cut;
            try (WavWriter wav = new WavWriter(wavFile, sampleRate, tracks.length)) {
                TruncatingWavSink sink = new TruncatingWavSink(wav);
                frames = interleave(sink, sampleRate, earliest);
                cut = sink.cutAtLimit();
            }
            TimelineFigures sum = sum(figures, frames * tracks.length, frames * 1000 / sampleRate);
            return new AlignedWav(sampleRate, tracks.length, String.join("+", codecs), sum,
                    cut || anyCutAtSideFileLimit());
        } finally {
            deleteSideFiles();
        }
    }

    /** Writes the channels side by side, each after its lead silence; returns the frames written. */
    private long interleave(TruncatingWavSink sink, int sampleRate, long earliestMicros) throws IOException {
        List<AlignedChannelReader> readers = new ArrayList<>();
        try {
            for (ChannelTrack track : tracks) {
                readers.add(track == null ? AlignedChannelReader.silent()
                        : track.reader(sampleRate, earliestMicros, settings.maxGapMillis()));
            }
            long total = readers.stream().mapToLong(AlignedChannelReader::frames).max().orElse(0);
            short[] block = new short[FRAMES_PER_WRITE * tracks.length];
            long frames = 0;
            while (frames < total) {
                int count = (int) Math.min(FRAMES_PER_WRITE, total - frames);
                for (int c = 0; c < readers.size(); c++) {
                    readers.get(c).read(block, c, tracks.length, count);
                }
                sink.write(block, 0, count * tracks.length);
                if (sink.cutAtLimit()) {
                    break;
                }
                frames += count;
            }
            return frames;
        } finally {
            for (AlignedChannelReader reader : readers) {
                reader.close();
            }
        }
    }

    /** Drops the side files and the WAV (the frames will be read again). */
    public void discard() {
        try {
            deleteSideFiles();
            Files.deleteIfExists(wavFile);
        } catch (IOException e) {
            // Nothing to keep; leftovers are overwritten when the recording is rebuilt.
        }
    }

    private boolean anyCutAtSideFileLimit() {
        for (ChannelTrack track : tracks) {
            if (track != null && track.sink.cutAtLimit()) {
                return true;
            }
        }
        return false;
    }

    private void deleteSideFiles() throws IOException {
        for (ChannelTrack track : tracks) {
            if (track != null) {
                track.side.close();
                Files.deleteIfExists(track.sideFile);
            }
        }
    }

    /** The channels' packet figures together; samples and duration are the WAV's. */
    private static TimelineFigures sum(List<TimelineFigures> all, long samples, long durationMillis) {
        long received = 0;
        long lost = 0;
        long duplicate = 0;
        long late = 0;
        long ignored = 0;
        long concealed = 0;
        for (TimelineFigures f : all) {
            received += f.packetsReceived();
            lost += f.packetsLost();
            duplicate += f.packetsDuplicate();
            late += f.packetsLate();
            ignored += f.packetsIgnored();
            concealed += f.concealedMillis();
        }
        return new TimelineFigures(received, lost, duplicate, late, ignored, concealed, samples, durationMillis);
    }

    /**
     * The WAV written.
     *
     * @param codecs        the channels' codecs, distinct, in channel order, joined by {@code +} (e.g. {@code PCMA+G722})
     * @param figures       all channels' packet figures summed; samples and duration of the WAV
     * @param cutAtWavLimit the audio went past what a WAV file can hold (4 GiB) and was cut there
     */
    public record AlignedWav(int sampleRate, int channels, String codecs, TimelineFigures figures,
                             boolean cutAtWavLimit) {
    }

    /** One channel: its timeline writing PCM at the codec's rate to a mono side file. */
    private static final class ChannelTrack {
        private final Codec codec;
        private final Path sideFile;
        private final WavWriter side;
        private final TruncatingWavSink sink;
        private final CallTimeline timeline;
        private long firstArrivalMicros = Long.MAX_VALUE;

        private ChannelTrack(Codec codec, Path sideFile, TimelineSettings settings) throws IOException {
            this.codec = codec;
            this.sideFile = sideFile;
            this.side = new WavWriter(sideFile, codec.sampleRate(), 1);
            this.sink = new TruncatingWavSink(side);
            this.timeline = new CallTimeline(codec, settings, sink);
        }

        private void add(RtpFrame frame) throws IOException {
            if (firstArrivalMicros == Long.MAX_VALUE) {
                firstArrivalMicros = frame.arrivalMicros();
            }
            timeline.add(frame);
        }

        private TimelineFigures finish() throws IOException {
            TimelineFigures figures = timeline.finish();
            side.close();
            return figures;
        }

        /** Reads the side file back at {@code sampleRate}, after its lead silence against {@code earliestMicros}. */
        private AlignedChannelReader reader(int sampleRate, long earliestMicros, long maxLeadMillis) throws IOException {
            int factor = sampleRate / codec.sampleRate();
            long leadSamples = 0;
            if (firstArrivalMicros != Long.MAX_VALUE) {
                long leadMicros = Math.min(firstArrivalMicros - earliestMicros, maxLeadMillis * 1000);
                leadSamples = leadMicros * codec.sampleRate() / 1_000_000;
            }
            return new AlignedChannelReader(FileChannel.open(sideFile, StandardOpenOption.READ), leadSamples * factor,
                    factor);
        }
    }

    /**
     * A channel's samples at the WAV's rate: its lead silence, then its side file's samples each repeated
     * {@code factor} times, then silence for as long as the other channels go on.
     */
    private static final class AlignedChannelReader {
        private final FileChannel in;
        private final int factor;
        private final long frames;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        private final ShortBuffer samples = buffer.asShortBuffer();
        private long leadLeft;
        private long samplesLeft;
        private short current;
        private int repeatsLeft;

        private AlignedChannelReader(FileChannel in, long leadFrames, int factor) throws IOException {
            this.in = in;
            this.factor = factor;
            this.leadLeft = leadFrames;
            this.samplesLeft = in == null ? 0 : (in.size() - WavWriter.HEADER_BYTES) / 2;
            this.frames = leadFrames + samplesLeft * factor;
            samples.limit(0);
            if (in != null) {
                in.position(WavWriter.HEADER_BYTES);
            }
        }

        /** A channel that never got a frame. */
        static AlignedChannelReader silent() throws IOException {
            return new AlignedChannelReader(null, 0, 1);
        }

        /** Frames this channel fills before it is only silence. */
        long frames() {
            return frames;
        }

        /** Puts the next {@code count} samples at {@code out[offset + i * stride]}. */
        void read(short[] out, int offset, int stride, int count) throws IOException {
            for (int i = 0, at = offset; i < count; i++, at += stride) {
                out[at] = next();
            }
        }

        private short next() throws IOException {
            if (leadLeft > 0) {
                leadLeft--;
                return 0;
            }
            if (repeatsLeft == 0) {
                if (samplesLeft == 0) {
                    return 0;
                }
                if (!samples.hasRemaining()) {
                    refill();
                }
                current = samples.get();
                samplesLeft--;
                repeatsLeft = factor;
            }
            repeatsLeft--;
            return current;
        }

        private void refill() throws IOException {
            buffer.clear();
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // a read may return less than asked: fill the buffer or reach the end
            }
            buffer.flip();
            if (buffer.remaining() < 2) {
                throw new IOException("side file shorter than its samples");
            }
            samples.position(0).limit(buffer.remaining() / 2);
        }

        void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
