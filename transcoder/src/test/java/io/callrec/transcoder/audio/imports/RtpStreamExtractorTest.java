package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import io.callrec.transcoder.audio.imports.CaptureWriter.Frame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.callrec.transcoder.audio.imports.CaptureWriter.datagram;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpStreamExtractorTest {

    private static final long T0 = 1_763_900_000_000_000L;
    private static final int PCMA = 8;
    private static final int PCMU = 0;
    private static final int TELEPHONE_EVENT = 101;

    @Test
    void findsBothDirectionsOfTheCallInARealCapture() throws Exception {
        PcapCall call = scan(Fixtures.bytes("pcap/call.pcap"));

        assertThat(call.channels()).hasSize(2);
        PcapChannel caller = call.channels().get(0);
        PcapChannel callee = call.channels().get(1);
        assertThat(caller.index()).isZero();
        assertThat(caller.source()).hasToString("127.0.0.1:20000");
        assertThat(caller.destination()).hasToString("127.0.0.1:20002");
        assertThat(caller.codec()).isEqualTo(Codec.PCMA);
        assertThat(caller.packets()).isEqualTo(100 + 6);       // speech and a DTMF digit
        assertThat(caller.ssrcs()).containsExactly(0x1CA11E40L);
        assertThat(callee.index()).isOne();
        assertThat(callee.source()).isEqualTo(caller.destination());
        assertThat(callee.destination()).isEqualTo(caller.source());
        assertThat(callee.codec()).isEqualTo(Codec.PCMA);
        assertThat(callee.packets()).isEqualTo(80);
        assertThat(callee.ssrcs()).containsExactly(0xCA11EE01L);
        assertThat(callee.firstCaptureMicros() - caller.firstCaptureMicros()).isBetween(150_000L, 400_000L);
        assertThat(call.startMicros()).isEqualTo(caller.firstCaptureMicros());
        assertThat(call.warnings()).containsExactly("the capture holds 2 other RTP audio stream(s), "
                + "not part of the call with the most packets: not imported");
    }

    @Test
    void givesEachChannelItsOwnSpeechInCaptureOrder() throws Exception {
        byte[] capture = Fixtures.bytes("pcap/call.pcap");
        List<ChannelFrame> frames = readAll(scan(capture), capture);

        assertThat(frames).hasSize(186);
        assertThat(frames).extracting(frame -> frame.frame().arrivalMicros()).isSorted();
        assertThat(audio(frames, 0, PCMA)).isEqualTo(Fixtures.bytes("pcap/caller.alaw"));
        assertThat(audio(frames, 1, PCMA)).isEqualTo(Fixtures.bytes("pcap/callee.alaw"));
        assertThat(frames).filteredOn(frame -> frame.frame().payloadType() == TELEPHONE_EVENT)
                .hasSize(6).allSatisfy(frame -> assertThat(frame.channel()).isZero());
        List<Integer> callerSequence = frames.stream().filter(frame -> frame.channel() == 0)
                .map(frame -> frame.frame().sequence()).toList();
        assertThat(callerSequence).hasSize(106).first().isEqualTo(31_000);
        assertThat(callerSequence).last().isEqualTo(31_105);
    }

    @Test
    void pcapngAndLinuxCookedCapturesOfTheCallGiveTheSameChannels() throws Exception {
        List<String> expected = describe(scan(Fixtures.bytes("pcap/call.pcap")));

        assertThat(describe(scan(Fixtures.bytes("pcap/call.pcapng")))).isEqualTo(expected);
        assertThat(describe(scan(Fixtures.bytes("pcap/call-any-sll2.pcapng")))).isEqualTo(expected);
    }

    @Test
    void aSingleDirectionGivesOneChannel() throws Exception {
        byte[] capture = capture(stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xA, PCMU, 50, T0));

        PcapCall call = scan(capture);

        assertThat(call.channels()).singleElement().satisfies(channel -> {
            assertThat(channel.codec()).isEqualTo(Codec.PCMU);
            assertThat(channel.packets()).isEqualTo(50);
        });
        assertThat(readAll(call, capture)).hasSize(50).allSatisfy(frame -> assertThat(frame.channel()).isZero());
    }

    @Test
    void channelZeroIsTheDirectionHeardFirst() throws Exception {
        byte[] capture = capture(
                stream("10.0.0.2", 5000, "10.0.0.1", 4000, 0xB, PCMA, 40, T0 + 5_000),
                stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xA, PCMA, 40, T0));

        assertThat(scan(capture).channels()).extracting(channel -> channel.source().toString())
                .containsExactly("10.0.0.1:4000", "10.0.0.2:5000");
    }

    @Test
    void picksTheCallWithTheMostPackets() throws Exception {
        byte[] capture = capture(
                stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xA, PCMA, 30, T0),
                stream("10.0.0.2", 5000, "10.0.0.1", 4000, 0xB, PCMA, 30, T0),
                stream("10.0.0.3", 4000, "10.0.0.4", 5000, 0xC, PCMA, 50, T0),          // one direction only
                stream("10.0.0.5", 4000, "10.0.0.6", 5000, 0xD, PCMU, 10, T0 - 1_000),
                stream("10.0.0.6", 5000, "10.0.0.5", 4000, 0xE, PCMU, 10, T0 - 1_000));

        PcapCall call = scan(capture);

        assertThat(call.channels()).extracting(PcapChannel::ssrcs).containsExactly(List.of(0xAL), List.of(0xBL));
        assertThat(call.warnings()).singleElement().asString().contains("3 other RTP audio stream(s)");
    }

    @Test
    void pairsAnEndpointThatSendsFromAnotherPortThanItReceivesOn() throws Exception {
        byte[] capture = capture(
                stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xA, PCMA, 30, T0),
                stream("10.0.0.2", 5002, "10.0.0.1", 4000, 0xB, PCMA, 30, T0 + 1_000));

        assertThat(scan(capture).channels()).extracting(PcapChannel::ssrcs).containsExactly(List.of(0xAL), List.of(0xBL));
    }

    @Test
    void keepsAnSsrcChangeWithinItsChannel() throws Exception {
        byte[] capture = capture(
                stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xA, PCMA, 20, T0),
                stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xAA, PCMA, 20, T0 + 400_000),
                stream("10.0.0.2", 5000, "10.0.0.1", 4000, 0xB, PCMA, 40, T0));

        PcapCall call = scan(capture);

        assertThat(call.channels().get(0).ssrcs()).containsExactly(0xAL, 0xAAL);
        assertThat(call.channels().get(0).packets()).isEqualTo(40);
        assertThat(readAll(call, capture)).filteredOn(frame -> frame.channel() == 0).hasSize(40);
    }

    @Test
    void warnsWhenAChannelMixesCodecs() throws Exception {
        byte[] capture = capture(
                stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xA, PCMU, 30, T0),
                stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xA, PCMA, 5, T0 + 700_000));

        PcapCall call = scan(capture);

        assertThat(call.channels()).singleElement().extracting(PcapChannel::codec).isEqualTo(Codec.PCMU);
        assertThat(call.warnings()).containsExactly("channel 0 (10.0.0.1:4000 → 10.0.0.2:5000) carries more than "
                + "one codec: only PCMU, the most used, is decoded");
    }

    @Test
    void ignoresDatagramsThatOnlyLookLikeRtpOnce() throws Exception {
        Random random = new Random(7);
        List<UdpDatagram> strays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            strays.add(datagram(T0 + i, "10.0.0.9", 1024 + i, "10.0.0.53", 53,
                    UsbFileBuilder.rtp(PCMA, random.nextInt(65_536), random.nextInt(), random.nextInt(), new byte[20])));
        }

        assertThatThrownBy(() -> scan(capture(strays)))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("the capture holds no RTP audio stream of at least 2 packets");
    }

    @Test
    void rejectsRtpOfUnsupportedCodecsNamingThem() {
        byte[] g729 = capture(stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xA, 18, 30, T0),
                stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xA, TELEPHONE_EVENT, 3, T0 + 700_000));

        assertThatThrownBy(() -> scan(g729))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("the capture's RTP carries payload types [18], not PCMU (0), PCMA (8) or G.722 (9)");
    }

    @Test
    void rejectsCapturesWithoutRtpSayingWhatTheyHold() {
        byte[] empty = CaptureWriter.classicPcap(ByteOrder.LITTLE_ENDIAN, false, UdpPacketDecoder.LINKTYPE_RAW, List.of());
        byte[] tcpOnly = CaptureWriter.classicPcap(ByteOrder.LITTLE_ENDIAN, false, UdpPacketDecoder.LINKTYPE_RAW,
                List.of(new Frame(T0, tcpPacket())));
        byte[] sipOnly = capture(List.of(datagram(T0, "10.0.0.1", 5060, "10.0.0.2", 5060,
                "OPTIONS sip:a@b SIP/2.0\r\n\r\n".getBytes())));

        assertThatThrownBy(() -> scan(empty)).hasMessage("the capture holds no packets");
        assertThatThrownBy(() -> scan(tcpOnly)).hasMessage("the capture holds no UDP packets over IPv4 or IPv6");
        assertThatThrownBy(() -> scan(sipOnly)).hasMessage("the capture holds no RTP");
    }

    @Test
    void aTruncatedCaptureGivesTheCallSoFarWithAWarning() throws Exception {
        byte[] full = Fixtures.bytes("pcap/call.pcap");
        byte[] truncated = Arrays.copyOf(full, full.length / 2 + 7);

        PcapCall call = scan(truncated);

        assertThat(call.channels()).hasSize(2);
        assertThat(call.channels().get(0).packets()).isBetween(20L, 100L);
        assertThat(call.warnings()).anySatisfy(warning -> assertThat(warning).startsWith("the capture is truncated"));
        assertThat(readAll(call, truncated)).hasSize((int) (call.channels().get(0).packets() + call.channels().get(1).packets()));
    }

    @Test
    void tracksABoundedNumberOfStreams() throws Exception {
        List<UdpDatagram> datagrams = new ArrayList<>();
        for (int i = 0; i < RtpStreamExtractor.MAX_TRACKED_STREAMS + 10; i++) {
            datagrams.add(datagram(T0 + i, "10.0.0.1", 4000, "10.0.0.2", 5000,
                    UsbFileBuilder.rtp(PCMA, 1, 0, i, new byte[4])));
        }
        datagrams.addAll(stream("10.0.0.1", 4000, "10.0.0.2", 5000, 0xFFFF_FFFFL, PCMA, 5, T0 + 10_000_000));
        datagrams.addAll(stream("10.0.0.1", 4000, "10.0.0.2", 5000, 7, PCMA, 5, T0 + 20_000_000));

        PcapCall call = scan(capture(datagrams));

        assertThat(call.channels()).singleElement().extracting(PcapChannel::ssrcs).isEqualTo(List.of(7L));
        assertThat(call.warnings()).containsExactly("the capture holds more than 4096 RTP streams: later ones were not considered");
    }

    @Test
    void survivesMangledCapturesWithRejectionsOrWarningsOnly() throws Exception {
        Random random = new Random(20_002);
        byte[][] captures = {Fixtures.bytes("pcap/call.pcap"), Fixtures.bytes("pcap/call.pcapng"),
                Fixtures.bytes("pcap/call-any-sll2.pcapng")};
        int found = 0;
        int rejected = 0;
        for (int round = 0; round < 1500; round++) {
            byte[] capture = captures[round % captures.length];
            byte[] input = Arrays.copyOf(capture, 1 + random.nextInt(capture.length));
            for (int flips = random.nextInt(12); flips > 0; flips--) {
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            try {
                PcapCall call = scan(input);
                assertThat(readAll(call, input)).hasSizeLessThanOrEqualTo(
                        (int) call.channels().stream().mapToLong(PcapChannel::packets).sum());
                found++;
            } catch (ImportRejectedException e) {
                assertThat(e.getMessage()).isNotBlank();
                rejected++;
            }
        }
        assertThat(found).as("calls found").isGreaterThan(500);
        assertThat(rejected).as("captures rejected").isGreaterThan(50);
    }

    static PcapCall scan(byte[] capture) throws IOException, ImportRejectedException {
        return RtpStreamExtractor.scan(new ByteArrayInputStream(capture));
    }

    static List<ChannelFrame> readAll(PcapCall call, byte[] capture) throws IOException, ImportRejectedException {
        PcapCallFrames frames = call.frames(new ByteArrayInputStream(capture));
        List<ChannelFrame> all = new ArrayList<>();
        for (ChannelFrame frame; (frame = frames.next()) != null; ) {
            all.add(frame);
        }
        return all;
    }

    private static byte[] audio(List<ChannelFrame> frames, int channel, int payloadType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.stream().filter(frame -> frame.channel() == channel)
                .map(ChannelFrame::frame).filter(frame -> frame.payloadType() == payloadType)
                .map(RtpFrame::payload).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static List<String> describe(PcapCall call) {
        return call.channels().stream().map(channel -> channel.index() + " " + channel.source() + " "
                + channel.destination() + " " + channel.codec() + " " + channel.packets() + " " + channel.ssrcs()).toList();
    }

    /** {@code count} packets of one stream, 20 ms apart, 160 timestamp units each. */
    private static List<UdpDatagram> stream(String source, int sourcePort, String destination, int destinationPort,
                                            long ssrc, int payloadType, int count, long startMicros) {
        List<UdpDatagram> datagrams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] rtp = UsbFileBuilder.rtp(payloadType, 100 + i, 160L * i, ssrc, new byte[160]);
            datagrams.add(datagram(startMicros + 20_000L * i, source, sourcePort, destination, destinationPort, rtp));
        }
        return datagrams;
    }

    @SafeVarargs
    private static byte[] capture(List<UdpDatagram>... streams) {
        List<UdpDatagram> all = new ArrayList<>();
        for (List<UdpDatagram> stream : streams) {
            all.addAll(stream);
        }
        all.sort(Comparator.comparingLong(UdpDatagram::captureMicros));
        return CaptureWriter.classicPcap(ByteOrder.LITTLE_ENDIAN, false, UdpPacketDecoder.LINKTYPE_RAW,
                all.stream().map(d -> new Frame(d.captureMicros(), CaptureWriter.ip(d))).toList());
    }

    /** A minimal IPv4 TCP segment. */
    private static byte[] tcpPacket() {
        byte[] packet = CaptureWriter.ipv4(datagram(0, "10.0.0.1", 1, "10.0.0.2", 2, new byte[12]), 0);
        packet[9] = 6;
        return packet;
    }
}
