package io.callrec.transcoder.audio.imports;

import io.callrec.transcoder.audio.imports.CaptureWriter.Frame;
import io.callrec.transcoder.audio.imports.CaptureWriter.Pcapng;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.callrec.transcoder.audio.imports.CaptureWriter.bsdLoopback;
import static io.callrec.transcoder.audio.imports.CaptureWriter.classicPcap;
import static io.callrec.transcoder.audio.imports.CaptureWriter.datagram;
import static io.callrec.transcoder.audio.imports.CaptureWriter.ethernet;
import static io.callrec.transcoder.audio.imports.CaptureWriter.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PcapReaderTest {

    private static final int CAPTURED_PACKETS = 234;

    @Test
    void readsEveryUdpDatagramOfARealLoopbackCapture() throws Exception {
        PcapReader reader = open(Fixtures.bytes("pcap/call.pcap"));
        List<UdpDatagram> datagrams = readAll(reader);

        assertThat(datagrams).hasSize(CAPTURED_PACKETS);
        assertThat(reader.packets()).isEqualTo(CAPTURED_PACKETS);
        assertThat(reader.warnings()).isEmpty();
        UdpDatagram invite = datagrams.get(0);
        assertThat(invite.source()).hasToString("127.0.0.1:25060");
        assertThat(invite.destination()).hasToString("127.0.0.1:25070");
        assertThat(new String(invite.payload(), StandardCharsets.US_ASCII)).startsWith("INVITE sip:");
        assertThat(datagrams).filteredOn(d -> d.source().address() instanceof Inet6Address).hasSize(40)
                .allSatisfy(d -> assertThat(d.source().toString()).isIn("[0:0:0:0:0:0:0:1]:20006", "[0:0:0:0:0:0:0:1]:20008"));
        assertThat(datagrams).extracting(UdpDatagram::captureMicros).isSorted()
                .allSatisfy(micros -> assertThat(micros).isGreaterThan(1_700_000_000_000_000L));
    }

    @Test
    void aPcapngCopyGivesTheSameDatagrams() throws Exception {
        assertThat(describe(readAll(open(Fixtures.bytes("pcap/call.pcapng")))))
                .isEqualTo(describe(readAll(open(Fixtures.bytes("pcap/call.pcap")))));
    }

    @Test
    void readsLinuxCookedV2WithNanosecondTimestamps() throws Exception {
        List<UdpDatagram> cooked = readAll(open(Fixtures.bytes("pcap/call-any-sll2.pcapng")));
        List<UdpDatagram> loopback = readAll(open(Fixtures.bytes("pcap/call.pcap")));

        assertThat(describeWithoutTime(cooked)).isEqualTo(describeWithoutTime(loopback));
        for (int i = 0; i < cooked.size(); i++) {    // two captures of the same packets, a few microseconds apart
            assertThat(cooked.get(i).captureMicros()).isCloseTo(loopback.get(i).captureMicros(), within(2_000L));
        }
    }

    @Test
    void readsClassicPcapInBothByteOrdersWithMicroOrNanosecondTimestamps() throws Exception {
        List<UdpDatagram> sample = sample();
        List<Frame> frames = frames(sample, datagram -> ethernet(ip(datagram)));

        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            for (boolean nanos : List.of(true, false)) {
                byte[] capture = classicPcap(order, nanos, UdpPacketDecoder.LINKTYPE_ETHERNET, frames);
                assertThat(describe(readAll(open(capture)))).as(order + (nanos ? " ns" : " µs"))
                        .isEqualTo(describe(sample));
            }
        }
    }

    @Test
    void readsEveryLinkType() throws Exception {
        List<UdpDatagram> sample = sample();
        List<UdpDatagram> v4 = sample.stream().filter(d -> !(d.source().address() instanceof Inet6Address)).toList();
        List<UdpDatagram> v6 = sample.stream().filter(d -> d.source().address() instanceof Inet6Address).toList();

        assertLinkType(UdpPacketDecoder.LINKTYPE_ETHERNET, sample, d -> ethernet(ip(d), 0x8100));
        assertLinkType(UdpPacketDecoder.LINKTYPE_ETHERNET, sample, d -> ethernet(ip(d), 0x88A8, 0x8100));
        assertLinkType(UdpPacketDecoder.LINKTYPE_LINUX_SLL, sample, d -> CaptureWriter.linuxCooked(ip(d)));
        assertLinkType(UdpPacketDecoder.LINKTYPE_LINUX_SLL2, sample, d -> CaptureWriter.linuxCookedV2(ip(d)));
        assertLinkType(UdpPacketDecoder.LINKTYPE_RAW, sample, CaptureWriter::ip);
        assertLinkType(UdpPacketDecoder.LINKTYPE_IPV4, v4, CaptureWriter::ip);
        assertLinkType(UdpPacketDecoder.LINKTYPE_IPV6, v6, CaptureWriter::ip);
        assertLinkType(UdpPacketDecoder.LINKTYPE_NULL, v4, d -> bsdLoopback(ip(d), 2, ByteOrder.BIG_ENDIAN));
        assertLinkType(UdpPacketDecoder.LINKTYPE_NULL, v6, d -> bsdLoopback(ip(d), 30, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void readsPcapngSectionsInterfacesAndTimestampUnits() throws Exception {
        UdpDatagram a = datagram(0, "10.0.0.1", 4000, "10.0.0.2", 5000, new byte[]{1});
        UdpDatagram b = datagram(0, "2001:db8::1", 4000, "2001:db8::2", 5000, new byte[]{2, 2});
        byte[] capture = new Pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(UdpPacketDecoder.LINKTYPE_ETHERNET, -1, 0)                 // µs
                .interfaceBlock(UdpPacketDecoder.LINKTYPE_RAW, 9, 0)                       // ns
                .interfaceBlock(UdpPacketDecoder.LINKTYPE_LINUX_SLL2, 0x80 | 20, 100)      // 2^-20 s, +100 s
                .other(4, 20)                                                                 // name resolution
                .enhanced(0, 1_000_000_001L, ethernet(ip(a)))
                .enhanced(1, 2_000_000_001_999L, ip(b))
                .enhanced(2, (3L << 20) + (1L << 19), CaptureWriter.linuxCookedV2(ip(a)))
                .simple(ethernet(ip(b)))
                .obsolete(1, 5_000_000_000L, ip(a))
                .other(0x0BAD, 64)                                                             // unknown type
                .section(ByteOrder.LITTLE_ENDIAN)                                              // interfaces restart
                .interfaceBlock(UdpPacketDecoder.LINKTYPE_IPV6, 6, 0)
                .enhanced(0, 7_000_000L, ip(b))
                .bytes();

        PcapReader reader = open(capture);
        List<UdpDatagram> datagrams = readAll(reader);

        assertThat(datagrams).extracting(UdpDatagram::captureMicros)
                .containsExactly(1_000_000_001L, 2_000_000_001L, 103_500_000L, 103_500_000L, 5_000_000L, 7_000_000L);
        assertThat(datagrams).extracting(d -> d.payload()[0]).containsExactly(
                (byte) 1, (byte) 2, (byte) 1, (byte) 2, (byte) 1, (byte) 2);
        assertThat(datagrams.get(1).source()).hasToString("[2001:db8:0:0:0:0:0:1]:4000");
        assertThat(reader.warnings()).isEmpty();
    }

    @Test
    void skipsPacketsOfUndescribedInterfacesAndUnsupportedLinkTypes() throws Exception {
        UdpDatagram a = datagram(0, "10.0.0.1", 4000, "10.0.0.2", 5000, new byte[]{1});
        byte[] capture = new Pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(105, -1, 0)                                    // 802.11
                .interfaceBlock(UdpPacketDecoder.LINKTYPE_RAW, -1, 0)
                .enhanced(0, 1, ip(a))
                .enhanced(7, 2, ip(a))
                .enhanced(1, 3, ip(a))
                .bytes();

        PcapReader reader = open(capture);

        assertThat(readAll(reader)).extracting(UdpDatagram::captureMicros).containsExactly(3L);
        assertThat(reader.warnings()).containsExactly(
                "packets name an interface that is not described: they are skipped",
                "packets of unsupported link types [105] were skipped");
    }

    @Test
    void skipsIpFragmentsAndPacketsCutShortWithWarnings() throws Exception {
        UdpDatagram v4 = datagram(0, "10.0.0.1", 4000, "10.0.0.2", 5000, new byte[40]);
        UdpDatagram v6 = datagram(0, "2001:db8::1", 4000, "2001:db8::2", 5000, new byte[40]);
        byte[] firstFragment = CaptureWriter.ipv4(v4, 0x2000);
        byte[] laterFragment = CaptureWriter.ipv4(v4, 0x0010);
        byte[] v6Fragment = CaptureWriter.ipv6(v6, 44, new byte[]{17, 0, 0, 0x09, 0, 0, 0, 1});
        byte[] whole = ip(v4);
        byte[] cutShort = Arrays.copyOf(whole, whole.length - 10);
        byte[] capture = classicPcap(ByteOrder.LITTLE_ENDIAN, false, UdpPacketDecoder.LINKTYPE_RAW, List.of(
                new Frame(1, firstFragment), new Frame(2, laterFragment), new Frame(3, v6Fragment),
                new Frame(4, cutShort), new Frame(5, whole)));

        PcapReader reader = open(capture);

        assertThat(readAll(reader)).extracting(UdpDatagram::captureMicros).containsExactly(5L);
        assertThat(reader.warnings()).containsExactly(
                "3 fragmented IP packets were skipped (fragments are not reassembled)",
                "1 UDP packets were cut short by the capture's snapshot length and skipped");
    }

    @Test
    void walksIpv6ExtensionHeaders() throws Exception {
        UdpDatagram v6 = datagram(9, "2001:db8::1", 4000, "2001:db8::2", 5000, new byte[]{7, 7, 7});
        byte[] hopByHopThenDestinationThenAtomicFragment = {
                60, 0, 1, 4, 0, 0, 0, 0,                // hop-by-hop, 8 bytes, PadN; next: destination options
                44, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   // destination options, 16 bytes; next: fragment
                17, 0, 0, 0, 0, 0, 0, 2};               // atomic fragment (offset 0, no more); next: UDP
        byte[] esp = CaptureWriter.ipv6(v6, 50, new byte[0]);
        byte[] capture = classicPcap(ByteOrder.BIG_ENDIAN, false, UdpPacketDecoder.LINKTYPE_IPV6, List.of(
                new Frame(9, CaptureWriter.ipv6(v6, 0, hopByHopThenDestinationThenAtomicFragment)),
                new Frame(10, esp)));

        assertThat(describe(readAll(open(capture)))).isEqualTo(describe(List.of(v6)));
    }

    @Test
    void endsAnIpv4PacketAtItsTotalLengthNotAtTheEthernetPadding() throws Exception {
        UdpDatagram small = datagram(1, "10.0.0.1", 4000, "10.0.0.2", 5000, new byte[]{5});
        byte[] padded = Arrays.copyOf(ethernet(ip(small)), 60);
        byte[] capture = classicPcap(ByteOrder.LITTLE_ENDIAN, false, UdpPacketDecoder.LINKTYPE_ETHERNET,
                List.of(new Frame(1, padded)));

        assertThat(readAll(open(capture))).singleElement().satisfies(d -> assertThat(d.payload()).containsExactly(5));
    }

    @Test
    void rejectsWhatIsNotACapture() {
        assertRejected(new byte[0], "the file is 0 bytes long: too short for a capture");
        assertRejected(new byte[]{(byte) 0xD4, (byte) 0xC3, (byte) 0xB2}, "the file is 3 bytes long");
        assertRejected("RIFF....WAVE".getBytes(StandardCharsets.US_ASCII),
                "not a pcap or pcapng capture: it starts with bytes 52 49 46 46");
        byte[] classic = Fixtures.bytes("pcap/call.pcap");
        for (int length = 4; length < ClassicPcapRecords.FILE_HEADER_BYTES; length++) {
            assertRejected(Arrays.copyOf(classic, length), "the pcap file ends inside its 24-byte header");
        }
        byte[] version3 = classic.clone();
        version3[4] = 3;
        assertRejected(version3, "unsupported pcap version 3.4");
        byte[] pcapng = Fixtures.bytes("pcap/call.pcapng");
        for (int length = 4; length < 28; length++) {
            assertRejected(Arrays.copyOf(pcapng, length), "ends inside");
        }
        byte[] badMagic = pcapng.clone();
        badMagic[8] = 0;
        assertRejected(badMagic, "the pcapng section header at byte 0 has no valid byte-order magic");
    }

    @Test
    void aCaptureCutAtAnyByteGivesItsWholePacketsAndWarnsIfCutInsideOne() throws Exception {
        List<UdpDatagram> sample = sample().subList(0, 8);
        List<Frame> frames = frames(sample, d -> ethernet(ip(d)));
        byte[] classic = classicPcap(ByteOrder.LITTLE_ENDIAN, true, UdpPacketDecoder.LINKTYPE_ETHERNET, frames);
        Pcapng builder = new Pcapng(ByteOrder.BIG_ENDIAN).interfaceBlock(UdpPacketDecoder.LINKTYPE_ETHERNET, -1, 0);
        int firstBlock = builder.bytes().length;
        frames.forEach(frame -> builder.enhanced(0, frame.micros(), frame.data()));
        byte[] pcapng = builder.bytes();

        assertCutsAnywhere(classic, 24, recordEnds(classic, 24, offset -> 16 + ByteBuffer.wrap(classic, offset + 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN).getInt()), sample.size());
        assertCutsAnywhere(pcapng, firstBlock, recordEnds(pcapng, firstBlock,
                offset -> ByteBuffer.wrap(pcapng, offset + 4, 4).getInt()), sample.size());
    }

    @Test
    void refusesARecordLongerThanTheLimitWithoutAllocatingIt() throws Exception {
        byte[] good = classicPcap(ByteOrder.LITTLE_ENDIAN, false, UdpPacketDecoder.LINKTYPE_ETHERNET,
                frames(sample().subList(0, 3), d -> ethernet(ip(d))));
        byte[] absurd = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(1).putInt(0).putInt(0x7FFF_FFF0).putInt(0x7FFF_FFF0).array();
        byte[] capture = concat(good, absurd, new byte[1000]);

        long before = Fixtures.allocatedBytes();
        PcapReader reader = open(capture);
        List<UdpDatagram> datagrams = readAll(reader);
        long allocated = Fixtures.allocatedBytes() - before;

        assertThat(datagrams).hasSize(3);
        assertThat(reader.warnings()).singleElement().asString()
                .contains("claims 2147483632 bytes, more than the 262144-byte limit", "the rest of the capture is unreadable");
        assertThat(allocated).isLessThan(1024 * 1024);
    }

    @Test
    void skipsAnOversizedPacketInAConsistentPcapngBlockAndReadsOn() throws Exception {
        UdpDatagram a = datagram(0, "10.0.0.1", 4000, "10.0.0.2", 5000, new byte[]{1});
        byte[] capture = new Pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(UdpPacketDecoder.LINKTYPE_RAW, -1, 0)
                .enhanced(0, 1, new byte[PcapReader.MAX_PACKET_BYTES + 1])
                .enhanced(0, 2, ip(a))
                .bytes();

        PcapReader reader = open(capture);

        assertThat(readAll(reader)).extracting(UdpDatagram::captureMicros).containsExactly(2L);
        assertThat(reader.warnings()).singleElement().asString().contains("such packets are skipped");
    }

    @Test
    void aHugeBlockLengthIsSkippedNotAllocated() throws Exception {
        byte[] start = new Pcapng(ByteOrder.LITTLE_ENDIAN).interfaceBlock(UdpPacketDecoder.LINKTYPE_RAW, -1, 0).bytes();
        byte[] huge = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x0BAD).putInt(0xFFFF_FFF0).array();

        long before = Fixtures.allocatedBytes();
        PcapReader reader = open(concat(start, huge, new byte[5000]));
        List<UdpDatagram> datagrams = readAll(reader);
        long allocated = Fixtures.allocatedBytes() - before;

        assertThat(datagrams).isEmpty();
        assertThat(reader.warnings()).singleElement().asString().contains("the capture is truncated");
        assertThat(allocated).isLessThan(1024 * 1024);
    }

    @Test
    void stopsAtABlockWhoseLengthsDisagree() throws Exception {
        UdpDatagram a = datagram(0, "10.0.0.1", 4000, "10.0.0.2", 5000, new byte[]{1});
        byte[] capture = new Pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(UdpPacketDecoder.LINKTYPE_RAW, -1, 0).enhanced(0, 1, ip(a)).enhanced(0, 2, ip(a))
                .bytes();
        capture[capture.length - 4] ^= 0x04;       // the second packet's trailing length

        PcapReader reader = open(capture);

        assertThat(readAll(reader)).hasSize(1);
        assertThat(reader.warnings()).singleElement().asString().contains("ends with a different length");
    }

    @Test
    void survivesRandomAndMangledCapturesWithRejectionsOrWarningsOnly() throws Exception {
        Random random = new Random(1_763_908_215L);
        byte[] classic = Fixtures.bytes("pcap/call.pcap");
        byte[] pcapng = Fixtures.bytes("pcap/call.pcapng");
        byte[] cooked = Fixtures.bytes("pcap/call-any-sll2.pcapng");
        int read = 0;
        int rejected = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] input = switch (round % 4) {
                case 0 -> concat(Arrays.copyOf(classic, 24), randomBytes(random, random.nextInt(3000)));
                case 1 -> concat(Arrays.copyOf(pcapng, 28), randomBytes(random, random.nextInt(3000)));
                case 2 -> mangled(random, round % 8 == 2 ? classic : cooked);
                default -> mangled(random, pcapng);
            };
            try {
                PcapReader reader = open(input);
                readAll(reader);
                assertThat(reader.warnings()).allSatisfy(warning -> assertThat(warning).isNotBlank());
                read++;
            } catch (ImportRejectedException e) {
                assertThat(e.getMessage()).isNotBlank();
                rejected++;
            }
        }
        assertThat(read).as("captures read").isGreaterThan(2000);
        assertThat(rejected).as("captures rejected").isPositive();
    }

    static byte[] mangled(Random random, byte[] good) {
        byte[] copy = Arrays.copyOf(good, 1 + random.nextInt(Math.min(good.length, 6000)));
        for (int flips = random.nextInt(8); flips > 0; flips--) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** Reads every prefix of the capture: the packets wholly inside it, and a warning exactly when it ends inside one. */
    private static void assertCutsAnywhere(byte[] capture, int firstRecord, List<Integer> recordEnds, int packets)
            throws Exception {
        assertThat(recordEnds).hasSize(packets);
        for (int length = capture.length; length >= firstRecord; length--) {
            int cut = length;
            PcapReader reader = open(Arrays.copyOf(capture, cut));
            List<UdpDatagram> datagrams = readAll(reader);
            long whole = recordEnds.stream().filter(end -> end <= cut).count();
            assertThat(datagrams).as("cut at %d", cut).hasSize((int) whole);
            boolean atBoundary = cut == firstRecord || recordEnds.contains(cut);
            assertThat(reader.warnings()).as("cut at %d", cut).hasSize(atBoundary ? 0 : 1);
            if (!atBoundary) {
                assertThat(reader.warnings().get(0)).contains("the capture is truncated");
            }
        }
    }

    /** End offsets of the records, from the first record's offset and a function giving a record's length. */
    private static List<Integer> recordEnds(byte[] capture, int firstRecord, Function<Integer, Integer> recordLength) {
        List<Integer> ends = new ArrayList<>();
        for (int offset = firstRecord; offset < capture.length; offset += recordLength.apply(offset)) {
            ends.add(offset + recordLength.apply(offset));
        }
        return ends;
    }

    private void assertLinkType(int linkType, List<UdpDatagram> datagrams, Function<UdpDatagram, byte[]> frame)
            throws Exception {
        byte[] classic = classicPcap(ByteOrder.LITTLE_ENDIAN, false, linkType, frames(datagrams, frame));
        Pcapng pcapng = new Pcapng(ByteOrder.BIG_ENDIAN).interfaceBlock(linkType, -1, 0);
        datagrams.forEach(datagram -> pcapng.enhanced(0, datagram.captureMicros(), frame.apply(datagram)));

        assertThat(describe(readAll(open(classic)))).as("pcap, link type " + linkType).isEqualTo(describe(datagrams));
        assertThat(describe(readAll(open(pcapng.bytes())))).as("pcapng, link type " + linkType)
                .isEqualTo(describe(datagrams));
    }

    /** Real datagrams from the loopback capture: SIP, STUN, RTP both ways, RTP over IPv6, RTCP. */
    private static List<UdpDatagram> sample() throws Exception {
        List<UdpDatagram> all = readAll(open(Fixtures.bytes("pcap/call.pcap")));
        List<UdpDatagram> sample = new ArrayList<>(all.subList(0, 12));
        all.stream().filter(d -> d.source().address() instanceof Inet6Address).limit(4).forEach(sample::add);
        sample.addAll(all.subList(all.size() - 3, all.size()));
        sample.sort((x, y) -> Long.compare(x.captureMicros(), y.captureMicros()));
        return sample;
    }

    private static List<Frame> frames(List<UdpDatagram> datagrams, Function<UdpDatagram, byte[]> frame) {
        return datagrams.stream().map(d -> new Frame(d.captureMicros(), frame.apply(d))).toList();
    }

    static PcapReader open(byte[] capture) throws IOException, ImportRejectedException {
        return PcapReader.open(new ByteArrayInputStream(capture));
    }

    static List<UdpDatagram> readAll(PcapReader reader) throws IOException {
        List<UdpDatagram> datagrams = new ArrayList<>();
        for (UdpDatagram datagram; (datagram = reader.next()) != null; ) {
            datagrams.add(datagram);
        }
        return datagrams;
    }

    private static List<String> describe(List<UdpDatagram> datagrams) {
        return datagrams.stream().map(d -> d.captureMicros() + " " + describeWithoutTime(List.of(d)).get(0)).toList();
    }

    private static List<String> describeWithoutTime(List<UdpDatagram> datagrams) {
        return datagrams.stream()
                .map(d -> d.source() + " > " + d.destination() + " " + HexFormat.of().formatHex(d.payload()))
                .toList();
    }

    private static void assertRejected(byte[] capture, String reason) {
        assertThatThrownBy(() -> open(capture)).isInstanceOf(ImportRejectedException.class).hasMessageContaining(reason);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
