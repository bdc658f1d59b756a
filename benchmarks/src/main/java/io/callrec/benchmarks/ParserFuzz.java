package io.callrec.benchmarks;

import io.callrec.contracts.Codec;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.RtpPacket;
import io.callrec.contracts.StreamCounters;
import io.callrec.gateway.control.ControlLineFramer;
import io.callrec.gateway.control.ControlMessageParser;
import io.callrec.gateway.control.InvalidControlMessageException;
import io.callrec.transcoder.audio.imports.ImportRejectedException;
import io.callrec.transcoder.audio.imports.PcapReader;
import io.callrec.transcoder.audio.imports.UsbRecording;
import io.callrec.transcoder.audio.imports.UsbRecordingParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fuzz run of every parser that reads bytes from outside: control lines (framer and parser), RTP datagrams, frame
 * batches, phone USB files and PCAP/pcapng captures. Each gets {@code --inputs} generated inputs
 * ({@link FuzzInputs}); an input may be refused with the parser's own "malformed" exception, anything else thrown
 * is a crash. Prints inputs, accepted, refused, crashes (with the first few inputs that crashed) and the peak heap
 * per parser; exits 1 when anything crashed. Run by {@code benchmarks/fuzz.sh}; not part of the test suite.
 */
public final class ParserFuzz {
    private static final int SHOWN_CRASHES = 3;
    private static final long START_MICROS = 1_764_000_000_000_000L;

    /** One parser: how to feed it an input, and which exception means "malformed". */
    private interface Parser {
        void parse(byte[] input) throws Exception;
    }

    private record Target(String name, List<byte[]> seeds, int maxRandomLength, Parser parser,
                          Class<? extends Exception> malformed) {
    }

    private ParserFuzz() {
    }

    public static void main(String[] args) throws IOException {
        CommandLine options = CommandLine.parse(args, Map.of("inputs", "1000000", "seed", "20251202",
                "parsers", "control,rtp,batch,usb,pcap"));
        Path root = Path.of(System.getProperty("callrec.root", ".")).toAbsolutePath().normalize();
        Path fixtures = root.resolve("transcoder/src/test/resources/imports");
        int inputs = options.positive("inputs");
        List<String> wanted = Arrays.asList(options.text("parsers").split(","));
        List<Target> targets = Stream.of(controlLine(), rtpDatagram(), frameBatch(),
                        usbFile(fixtures.resolve("usb")), capture(fixtures.resolve("pcap")))
                .filter(target -> wanted.contains(target.name())).toList();

        System.out.println("machine: " + Machine.describe() + "; max heap " + Runtime.getRuntime().maxMemory() / 1_048_576
                + " MiB; " + inputs + " inputs per parser, seed " + options.text("seed"));
        System.out.printf(Locale.ROOT, "%-8s %10s %10s %10s %8s %14s %8s%n", "parser", "inputs", "accepted", "refused",
                "crashes", "peak heap MiB", "seconds");
        int crashes = 0;
        for (Target target : targets) {
            crashes += run(target, inputs, Long.parseLong(options.text("seed")));
        }
        System.exit(crashes == 0 ? 0 : 1);
    }

    private static int run(Target target, int inputs, long seed) {
        FuzzInputs generator = new FuzzInputs(seed, target.seeds(), target.maxRandomLength());
        List<String> shown = new ArrayList<>();
        long accepted = 0;
        long refused = 0;
        int crashes = 0;
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long began = System.nanoTime();
        for (int i = 0; i < inputs; i++) {
            byte[] input = generator.next();
            try {
                target.parser().parse(input);
                accepted++;
            } catch (Exception e) {
                if (target.malformed().isInstance(e)) {
                    refused++;
                    continue;
                }
                crashes++;
                if (shown.size() < SHOWN_CRASHES) {
                    shown.add(e + " on " + input.length + " bytes "
                            + HexFormat.of().formatHex(input, 0, Math.min(input.length, 96)));
                }
            } catch (StackOverflowError | OutOfMemoryError e) {
                crashes++;
                shown.add(e + " on " + input.length + " bytes");
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long peak = heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "%-8s %10d %10d %10d %8d %14.1f %8.1f%n", target.name(), inputs, accepted,
                refused, crashes, peak / 1_048_576.0, seconds);
        shown.forEach(crash -> System.out.println("  crash: " + crash));
        return crashes;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }

    /** Bytes as a phone sends them, through the framer (4096-byte lines, as configured) into the parser. */
    private static Target controlLine() {
        List<byte[]> seeds = Stream.of(
                "cmd=RecordStartRequest&id=call-1&device=0C:38:3E:00:00:01&dir=in&codec=PCMA"
                        + "&remote_number=0312345678&local_number=1001&local_name=%E5%B1%B1%E7%94%B0\n",
                "cmd=RecordStopRequest&id=call-1&reason=normal\r\n",
                "cmd=RecordStartRequest&id=a&device=0c383e000001&dir=out&codec=G722\0cmd=RecordStopRequest&id=a\n")
                .map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
        return new Target("control", seeds, 600, input -> {
            List<byte[]> lines = new ArrayList<>();
            ControlLineFramer.Sink sink = new ControlLineFramer.Sink() {
                @Override
                public void line(byte[] line) {
                    lines.add(line);
                }

                @Override
                public void oversizedLine() {
                    lines.add(new byte[0]);
                }
            };
            ControlLineFramer framer = new ControlLineFramer(4096);
            framer.feed(input, sink);
            framer.flushQuietLine(sink);
            InvalidControlMessageException refusal = null;
            for (byte[] line : lines) {
                try {
                    ControlMessageParser.parse(line);
                } catch (InvalidControlMessageException e) {
                    refusal = e;
                }
            }
            if (refusal != null) {
                throw refusal;
            }
        }, InvalidControlMessageException.class);
    }

    /** A datagram as rtp-ingest reads it: validated, then every field and the frame read. */
    private static Target rtpDatagram() {
        byte[] plain = rtp(0x80, 8, new byte[0], new byte[160], 0);
        byte[] withEverything = rtp(0xB1, 0x88, new byte[] {(byte) 0xBE, (byte) 0xDE, 0, 1, 1, 2, 3, 4},
                new byte[160], 4);
        return new Target("rtp", List.of(plain, withEverything), 300, input -> {
            RtpPacket.Validation validation = RtpPacket.validate(input, 0, input.length);
            if (!validation.isValid()) {
                throw new InvalidDatagram(validation);
            }
            RtpPacket.payloadType(input, 0, input.length);
            RtpPacket.sequence(input, 0, input.length);
            RtpPacket.ssrc(input, 0, input.length);
            RtpPacket.marker(input, 0, input.length);
            RtpPacket.payloadOffset(input, 0, input.length);
            RtpPacket.payloadLength(input, 0, input.length);
            RtpPacket.toFrame(input, 0, input.length, START_MICROS);
        }, InvalidDatagram.class);
    }

    /** RtpPacket says "not valid" by its answer, not by throwing: this carries that answer as the refusal. */
    private static final class InvalidDatagram extends Exception {
        InvalidDatagram(RtpPacket.Validation validation) {
            super(validation.name(), null, false, false);
        }
    }

    private static byte[] rtp(int firstByte, int secondByte, byte[] csrcAndExtension, byte[] payload, int padding) {
        ByteBuffer packet = ByteBuffer.allocate(12 + csrcAndExtension.length + payload.length + padding);
        packet.put((byte) firstByte).put((byte) secondByte).putShort((short) 4711).putInt(123_456).putInt(0xCAFE);
        packet.put(csrcAndExtension).put(payload);
        if (padding > 0) {
            packet.position(packet.capacity() - 1);
            packet.put((byte) padding);
        }
        return packet.array();
    }

    /** A Kafka record of {@code callrec.frames}, as the transcoder decodes it. */
    private static Target frameBatch() {
        List<RtpFrame> frames = List.of(new RtpFrame(1, 160, 8, true, 7, START_MICROS, new byte[160]),
                new RtpFrame(2, 320, 8, false, 7, START_MICROS + 20_000, new byte[160]),
                new RtpFrame(3, 480, 101, false, 7, START_MICROS + 40_000, new byte[4]));
        byte[] middle = FrameBatchCodec.encode(new FrameBatch(new UUID(1, 2), Codec.PCMA, 3, 1_764_000_000_000L,
                frames, false, StreamCounters.NONE, null));
        byte[] last = FrameBatchCodec.encode(new FrameBatch(new UUID(3, 4), Codec.G722, 9, 1_764_000_000_000L,
                frames.subList(0, 1), true, new StreamCounters(100, 2, 3, 4, 5), "rtp-timeout"));
        return new Target("batch", List.of(middle, last), 600, FrameBatchCodec::decode,
                IllegalArgumentException.class);
    }

    /** A phone USB file: header checked, every frame read. Seeds: the fixtures' first 2 KB (a truncated file). */
    private static Target usbFile(Path fixtures) throws IOException {
        return new Target("usb", prefixes(fixtures, ".wav", 2048), 600, input -> {
            UsbRecording recording = UsbRecordingParser.parse(new ByteArrayInputStream(input), input.length,
                    START_MICROS);
            while (recording.next() != null) {
                recording.warnings();
            }
        }, ImportRejectedException.class);
    }

    /** A PCAP or pcapng capture read to its last UDP datagram. Seeds: the fixtures' first 4 KB. */
    private static Target capture(Path fixtures) throws IOException {
        return new Target("pcap", prefixes(fixtures, ".pcap", 4096), 600, input -> {
            PcapReader reader = PcapReader.open(new ByteArrayInputStream(input));
            while (reader.next() != null) {
                reader.packets();
            }
        }, ImportRejectedException.class);
    }

    /** The first bytes of each fixture whose name contains {@code extension}. */
    private static List<byte[]> prefixes(Path folder, String extension, int length) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<byte[]> seeds = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().contains(extension)).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                seeds.add(Arrays.copyOf(bytes, Math.min(bytes.length, length)));
            }
            if (seeds.isEmpty()) {
                throw new IOException("no " + extension + " fixtures in " + folder);
            }
            return seeds;
        }
    }
}
