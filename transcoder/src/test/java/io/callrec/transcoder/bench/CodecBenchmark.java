package io.callrec.transcoder.bench;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import io.callrec.transcoder.audio.AudioDecoder;
import io.callrec.transcoder.audio.Fixtures;
import io.callrec.transcoder.audio.WavWriter;
import io.callrec.transcoder.audio.timeline.CallTimeline;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How many seconds of audio the transcoder's codecs turn into WAV per second of CPU, on the test
 * fixtures looped to about ten minutes per codec. Two paths are measured per codec: the decoder
 * straight into a {@link WavWriter}, and the full path of 20 ms RTP frames through a
 * {@link CallTimeline} into a {@link WavWriter}. CPU time is the measuring thread's (user + system,
 * so the file writes count). Not a test: run by {@code benchmarks/codec-benchmark.sh}.
 *
 * <p>Arguments: a scratch directory (WAV files and {@code results.properties} go there), and
 * optionally the minutes of audio per codec (default 10).
 */
public final class CodecBenchmark {

    private static final int PACKET_BYTES = 160;      // 20 ms for all three codecs
    private static final int WARM_UP_RUNS = 3;
    private static final int MEASURED_RUNS = 5;

    private record Subject(Codec codec, String fixture) {
    }

    /** Thread CPU seconds of the measured runs. */
    private record Timing(double median, double best) {
    }

    private static final List<Subject> SUBJECTS = List.of(
            new Subject(Codec.PCMA, "speech-8k.alaw"),
            new Subject(Codec.PCMU, "speech-8k.ulaw"),
            new Subject(Codec.G722, "speech-16k.g722"));

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Path dir;
    private final int minutes;

    private CodecBenchmark(Path dir, int minutes) {
        this.dir = dir;
        this.minutes = minutes;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CodecBenchmark <scratch directory> [minutes of audio per codec]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        new CodecBenchmark(dir, minutes).run();
    }

    private void run() throws IOException {
        System.out.printf(Locale.ROOT, "%-5s %-15s %9s %12s %12s %14s%n",
                "codec", "path", "audio s", "median CPU s", "best CPU s", "audio s/CPU s");
        try (Writer results = Files.newBufferedWriter(dir.resolve("results.properties"))) {
            for (Subject subject : SUBJECTS) {
                byte[] payload = loop(Fixtures.bytes(subject.fixture()));
                double audioSeconds = payload.length / (double) subject.codec().rtpClockRate();
                Files.write(dir.resolve("looped-" + subject.fixture()), payload);

                Timing decode = measure(() -> decodeToWav(subject.codec(), payload));
                report(results, subject.codec(), "decode-wav", audioSeconds, decode);

                List<RtpFrame> frames = packetise(subject.codec(), payload);
                Timing timeline = measure(() -> timelineToWav(subject.codec(), frames));
                report(results, subject.codec(), "timeline-wav", audioSeconds, timeline);
            }
        }
    }

    /** The fixture repeated to the requested length, in whole packets. */
    private byte[] loop(byte[] fixture) {
        int bytes = minutes * 60 * 8000 / PACKET_BYTES * PACKET_BYTES;
        byte[] looped = new byte[bytes];
        for (int off = 0; off < bytes; off += fixture.length) {
            System.arraycopy(fixture, 0, looped, off, Math.min(fixture.length, bytes - off));
        }
        return looped;
    }

    private static List<RtpFrame> packetise(Codec codec, byte[] payload) {
        List<RtpFrame> frames = new ArrayList<>(payload.length / PACKET_BYTES);
        for (int i = 0, off = 0; off < payload.length; i++, off += PACKET_BYTES) {
            frames.add(new RtpFrame(i & 0xFFFF, (long) off & 0xFFFF_FFFFL, codec.payloadType(), false, 0x1234,
                    i * 20_000L, Arrays.copyOfRange(payload, off, off + PACKET_BYTES)));
        }
        return frames;
    }

    private void decodeToWav(Codec codec, byte[] payload) throws IOException {
        AudioDecoder decoder = AudioDecoder.forCodec(codec);
        short[] pcm = new short[PACKET_BYTES * decoder.samplesPerByte()];
        try (WavWriter wav = new WavWriter(dir.resolve(codec + "-decode.wav"), codec.sampleRate(), 1)) {
            for (int off = 0; off < payload.length; off += PACKET_BYTES) {
                int samples = decoder.decode(payload, off, PACKET_BYTES, pcm, 0);
                wav.write(pcm, 0, samples);
            }
        }
    }

    private void timelineToWav(Codec codec, List<RtpFrame> frames) throws IOException {
        try (WavWriter wav = new WavWriter(dir.resolve(codec + "-timeline.wav"), codec.sampleRate(), 1)) {
            CallTimeline timeline = new CallTimeline(codec, TimelineSettings.DEFAULTS, wav::write);
            for (RtpFrame frame : frames) {
                timeline.add(frame);
            }
            timeline.finish();
        }
    }

    private interface Work {
        void run() throws IOException;
    }

    private Timing measure(Work work) throws IOException {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            work.run();
        }
        double[] seconds = new double[MEASURED_RUNS];
        for (int i = 0; i < MEASURED_RUNS; i++) {
            long start = threads.getCurrentThreadCpuTime();
            work.run();
            seconds[i] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return new Timing(seconds[MEASURED_RUNS / 2], seconds[0]);
    }

    /** Prints a row and records it; the speed is from the median run. */
    private static void report(Writer results, Codec codec, String path, double audioSeconds, Timing cpu)
            throws IOException {
        double speed = audioSeconds / cpu.median();
        System.out.printf(Locale.ROOT, "%-5s %-15s %9.1f %12.4f %12.4f %14.0f%n",
                codec, path, audioSeconds, cpu.median(), cpu.best(), speed);
        results.write(String.format(Locale.ROOT, "%s.%s.audio-seconds=%.1f%n", codec, path, audioSeconds));
        results.write(String.format(Locale.ROOT, "%s.%s.cpu-seconds=%.4f%n", codec, path, cpu.median()));
        results.write(String.format(Locale.ROOT, "%s.%s.speed=%.0f%n", codec, path, speed));
    }
}
