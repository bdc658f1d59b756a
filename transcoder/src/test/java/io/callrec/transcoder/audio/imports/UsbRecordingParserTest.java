package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.callrec.transcoder.audio.imports.UsbFileBuilder.filled;
import static io.callrec.transcoder.audio.imports.UsbFileBuilder.header;
import static io.callrec.transcoder.audio.imports.UsbFileBuilder.rtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class UsbRecordingParserTest {

    private static final long START = 1_763_908_215_000_000L;
    private static final int PACKET_MICROS = 20_000;
    private static final int RTP_UNIT = 172;
    private static final int FRAMES = 100;

    @Test
    void readsWholeRtpPacketUnitsOfALittleEndianFile() throws Exception {
        UsbRecording recording = parse(Fixtures.bytes("usb/pcma-rtp-le.wav"));
        List<RtpFrame> frames = readAll(recording);

        assertThat(recording.header()).isEqualTo(new UsbHeader(Codec.PCMA, ByteOrder.LITTLE_ENDIAN, RTP_UNIT, 160, 17_200));
        assertThat(recording.unitKind()).isEqualTo(UsbUnitKind.RTP_PACKET);
        assertThat(frames).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            RtpFrame frame = frames.get(i);
            assertThat(frame.sequence()).isEqualTo(4660 + i);
            assertThat(frame.timestamp()).isEqualTo(1_000_000 + 160L * i);
            assertThat(frame.ssrc()).isEqualTo(0x11223344L);
            assertThat(frame.payloadType()).isEqualTo(8);
            assertThat(frame.marker()).isEqualTo(i == 0);
            assertThat(frame.arrivalMicros()).isEqualTo(START + (long) PACKET_MICROS * i);
        }
        assertThat(payloads(frames)).isEqualTo(Fixtures.bytes("usb/speech.alaw"));
        assertThat(recording.warnings()).isEmpty();
    }

    @Test
    void numbersBarePayloadUnitsFromTheIncrement() throws Exception {
        UsbRecording recording = parse(Fixtures.bytes("usb/pcmu-bare-le.wav"));
        List<RtpFrame> frames = readAll(recording);

        assertThat(recording.header()).isEqualTo(new UsbHeader(Codec.PCMU, ByteOrder.LITTLE_ENDIAN, 160, 160, 16_000));
        assertThat(recording.unitKind()).isEqualTo(UsbUnitKind.BARE_PAYLOAD);
        assertThat(frames).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            RtpFrame frame = frames.get(i);
            assertThat(frame.sequence()).isEqualTo(i);
            assertThat(frame.timestamp()).isEqualTo(160L * i);
            assertThat(frame.payloadType()).isEqualTo(Codec.PCMU.payloadType());
            assertThat(frame.ssrc()).isEqualTo(UsbRecording.SYNTHETIC_SSRC);
            assertThat(frame.arrivalMicros()).isEqualTo(START + (long) PACKET_MICROS * i);
        }
        assertThat(payloads(frames)).isEqualTo(Fixtures.bytes("usb/speech.ulaw"));
    }

    @Test
    void readsABigEndianFileWhoseNumbersWrap() throws Exception {
        UsbRecording recording = parse(Fixtures.bytes("usb/g722-rtp-be.wav"));
        List<RtpFrame> frames = readAll(recording);

        assertThat(recording.header()).isEqualTo(new UsbHeader(Codec.G722, ByteOrder.BIG_ENDIAN, RTP_UNIT, 160, 17_200));
        assertThat(recording.unitKind()).isEqualTo(UsbUnitKind.RTP_PACKET);
        assertThat(frames).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            RtpFrame frame = frames.get(i);
            assertThat(frame.sequence()).isEqualTo((65_500 + i) & 0xFFFF);
            assertThat(frame.timestamp()).isEqualTo((0xFFFF_F000L + 160L * i) & 0xFFFF_FFFFL);
            assertThat(frame.arrivalMicros()).isEqualTo(START + (long) PACKET_MICROS * i);
        }
        assertThat(frames.get(FRAMES - 1).sequence()).isLessThan(frames.get(0).sequence());
        assertThat(frames.get(FRAMES - 1).timestamp()).isLessThan(frames.get(0).timestamp());
        assertThat(payloads(frames)).isEqualTo(Fixtures.bytes("usb/speech.g722"));
    }

    @Test
    void aPauseShowsAsATimestampGapAndArrivalGap() throws Exception {
        List<RtpFrame> frames = readAll(parse(Fixtures.bytes("usb/pcma-rtp-pause-le.wav")));

        assertThat(frames).hasSize(FRAMES);
        RtpFrame before = frames.get(49);
        RtpFrame after = frames.get(50);
        assertThat(after.timestamp() - before.timestamp()).isEqualTo(160 + 8000);
        assertThat(after.sequence() - before.sequence()).isEqualTo(51);
        assertThat(after.arrivalMicros() - before.arrivalMicros()).isEqualTo(1_020_000);
        assertThat(payloads(frames)).isEqualTo(Fixtures.bytes("usb/speech.alaw"));
    }

    @Test
    void durationComesFromTheHeaderAndLeavesPausesOut() throws Exception {
        assertThat(parse(Fixtures.bytes("usb/pcma-rtp-le.wav")).header().durationMicros()).isEqualTo(2_000_000);
        assertThat(parse(Fixtures.bytes("usb/pcma-rtp-pause-le.wav")).header().durationMicros()).isEqualTo(2_000_000);
        assertThat(parse(Fixtures.bytes("usb/g722-rtp-be.wav")).header().durationMicros()).isEqualTo(2_000_000);
        // 3 units × 100 ticks at 8 kHz = 37.5 ms: the fraction of a millisecond is kept
        byte[] odd = UsbFileBuilder.file("PCMA", 100, ByteOrder.LITTLE_ENDIAN, filled(100, 0xD5), filled(100, 0xD5),
                filled(100, 0xD5));
        assertThat(parse(odd).header().durationMicros()).isEqualTo(37_500);
    }

    @ParameterizedTest
    @CsvSource({"PCMA, PCMA", "pcma, PCMA", "G711A, PCMA", "G.711 A-law, PCMA", "alaw, PCMA", "PCMU/8000, PCMU",
            "G711U, PCMU", "mulaw, PCMU", "G722, G722", "G.722, G722", "g722, G722", "G_722/8000, G722"})
    void acceptsTheCodecNamesPhonesWrite(String name, Codec codec) throws Exception {
        byte[] file = UsbFileBuilder.file(name, 160, ByteOrder.LITTLE_ENDIAN, filled(160, 0x55));

        assertThat(parse(file).header().codec()).isEqualTo(codec);
    }

    @Test
    void rejectsAnUnknownCodecByName() {
        byte[] file = UsbFileBuilder.file("G729", 160, ByteOrder.LITTLE_ENDIAN, filled(20, 0x55));

        assertRejected(file, "unknown codec \"G729\": expected PCMA, PCMU or G722");
    }

    @Test
    void rejectsACodecFieldThatIsNotAName() {
        byte[] control = UsbFileBuilder.file("PC\u0001MA", 160, ByteOrder.LITTLE_ENDIAN, filled(160, 0x55));
        byte[] empty = UsbFileBuilder.file("", 160, ByteOrder.LITTLE_ENDIAN, filled(160, 0x55));
        byte[] riff = UsbFileBuilder.file("RIFF", 160, ByteOrder.LITTLE_ENDIAN, filled(160, 0x55));

        assertRejected(control, "codec name field holds byte 0x01 at offset 2");
        assertRejected(empty, "codec name field is empty");
        assertRejected(riff, "this is a RIFF WAV file");
    }

    @Test
    void rejectsEveryFileShorterThanTheHeader() {
        byte[] file = Fixtures.bytes("usb/pcma-rtp-le.wav");
        for (int length = 0; length < UsbHeader.BYTES; length++) {
            byte[] prefix = Arrays.copyOf(file, length);
            assertRejected(prefix, "shorter than the 76-byte header");
        }
    }

    @Test
    void rejectsAStreamThatEndsInsideTheHeaderWhateverItsStatedLength() {
        byte[] file = Fixtures.bytes("usb/pcma-rtp-le.wav");
        for (int length = 0; length < UsbHeader.BYTES; length++) {
            ByteArrayInputStream shorter = new ByteArrayInputStream(file, 0, length);
            assertThatThrownBy(() -> UsbRecordingParser.parse(shorter, file.length, START))
                    .isInstanceOf(ImportRejectedException.class)
                    .hasMessageContaining("inside the 76-byte header");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, -172, 65_536, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void rejectsAUnitLengthOutsideOneTo65535(int rtpLen) {
        byte[] file = withBody(header("PCMA", rtpLen, 160, 172, ByteOrder.LITTLE_ENDIAN), 172);

        assertRejected(file, "unit length (rtpLen) reads " + rtpLen + ": not between 1 and 65535, in either byte order");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -160, 65_536})
    void rejectsATimestampIncrementOutsideOneTo65535(int increment) {
        byte[] file = withBody(header("PCMA", 160, increment, 160, ByteOrder.LITTLE_ENDIAN), 160);

        assertRejected(file, "timestamp increment reads " + increment + ": not between 1 and 65535, in either byte order");
    }

    @Test
    void rejectsAnIncrementLongerThanTheAudioOfAUnit() {
        // The 2 KB upload: one byte of audio per unit, each unit claiming 65535 ticks (8 s) of time.
        byte[] amplifier = withBody(header("PCMA", 1, 65_535, 2000, ByteOrder.LITTLE_ENDIAN), 2000);
        byte[] rtpUnits = UsbFileBuilder.file("PCMA", 161, ByteOrder.LITTLE_ENDIAN,
                UsbFileBuilder.rtp(8, 1, 0, 7, filled(160, 0xD5)), UsbFileBuilder.rtp(8, 2, 161, 7, filled(160, 0xD5)));

        assertRejected(amplifier, "timestamp increment 65535 contradicts its unit length (rtpLen) 1: a unit of PCMA "
                + "carries at most 1 timestamp units of audio");
        assertRejected(rtpUnits, "a unit of PCMA carries at most 160 timestamp units");
    }

    @Test
    void rejectsADataSizeThatIsNotWholeUnits() {
        assertRejected(withBody(header("PCMA", 160, 160, 161, ByteOrder.LITTLE_ENDIAN), 161),
                "dataSize 161 is not a whole number of 160-byte units");
    }

    @Test
    void rejectsAHeaderDeclaringNoData() {
        assertRejected(withBody(header("PCMA", 160, 160, 0, ByteOrder.LITTLE_ENDIAN), 160),
                "declares no audio data");
    }

    @Test
    void rejectsAHeaderDeclaringLessDataThanFollowsIt() {
        byte[] file = Arrays.copyOf(Fixtures.bytes("usb/pcma-rtp-le.wav"), 76 + 17_200 + 1);

        assertRejected(file, "declares 17200 bytes of audio data but 17201 follow it");
    }

    @Test
    void importsTheWholeUnitsOfAFileCutAnywhereWithAWarning() throws Exception {
        byte[] file = Fixtures.bytes("usb/pcma-rtp-le.wav");
        byte[] speech = Fixtures.bytes("usb/speech.alaw");
        for (int length = UsbHeader.BYTES; length < file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);
            int wholeUnits = (length - UsbHeader.BYTES) / RTP_UNIT;
            if (wholeUnits == 0) {
                assertRejected(cut, "truncated before its first whole 172-byte unit");
                continue;
            }
            UsbRecording recording = parse(cut);
            List<RtpFrame> frames = readAll(recording);
            assertThat(frames).hasSize(wholeUnits);
            assertThat(payloads(frames)).isEqualTo(Arrays.copyOf(speech, wholeUnits * 160));
            assertThat(recording.warnings()).singleElement().asString()
                    .contains("truncated", "declares 17200 bytes", "the " + wholeUnits + " whole units present");
        }
    }

    @Test
    void warnsWhenTheStreamEndsBeforeTheStatedLength() throws Exception {
        byte[] file = Fixtures.bytes("usb/pcma-rtp-le.wav");
        for (int available : new int[]{76 + 172, 76 + 3 * 172 + 5, 76 + 4 * 172, 76 + 50 * 172 + 171}) {
            ByteArrayInputStream shorter = new ByteArrayInputStream(file, 0, available);
            UsbRecording recording = UsbRecordingParser.parse(shorter, file.length, START);

            assertThat(readAll(recording)).hasSize((available - 76) / RTP_UNIT);
            assertThat(recording.warnings()).singleElement().asString()
                    .contains("the file ended after " + available + " of");
        }
    }

    @Test
    void skipsUnitsThatAreNotRtpAmongRtpUnitsWithAWarning() throws Exception {
        byte[] file = Fixtures.bytes("usb/pcma-rtp-le.wav");
        file[76 + 10 * RTP_UNIT] = 0x00;     // version 0
        file[76 + 11 * RTP_UNIT] = 0x00;

        UsbRecording recording = parse(file);
        List<RtpFrame> frames = readAll(recording);

        assertThat(frames).hasSize(FRAMES - 2);
        assertThat(frames).extracting(RtpFrame::sequence).doesNotContain(4670, 4671);
        assertThat(recording.warnings()).containsExactly("2 of 100 units were not valid RTP packets and were skipped");
    }

    @Test
    void rejectsRtpUnitsOfAnotherCodecThanTheHeaderNames() {
        byte[] file = UsbFileBuilder.file("PCMA", 160, ByteOrder.LITTLE_ENDIAN,
                rtp(0, 1, 0, 7, filled(160, 0xFF)), rtp(0, 2, 160, 7, filled(160, 0xFF)));

        assertRejected(file, "RTP packets of payload type 0 but the header names PCMA (payload type 8)");
    }

    @Test
    void takesUnitsForBarePayloadWhenTheirRtpNumberingIsInconsistent() throws Exception {
        byte[] sameSequence = UsbFileBuilder.file("PCMA", 160, ByteOrder.LITTLE_ENDIAN,
                rtp(8, 1, 0, 7, filled(160, 0xD5)), rtp(8, 1, 160, 7, filled(160, 0xD5)));
        byte[] otherSsrc = UsbFileBuilder.file("PCMA", 160, ByteOrder.LITTLE_ENDIAN,
                rtp(8, 1, 0, 7, filled(160, 0xD5)), rtp(8, 2, 160, 8, filled(160, 0xD5)));
        byte[] shorterThanRtp = UsbFileBuilder.file("PCMA", 8, ByteOrder.LITTLE_ENDIAN, filled(8, 0x80), filled(8, 0x81));

        assertThat(parse(sameSequence).unitKind()).isEqualTo(UsbUnitKind.BARE_PAYLOAD);
        assertThat(parse(otherSsrc).unitKind()).isEqualTo(UsbUnitKind.BARE_PAYLOAD);
        assertThat(parse(shorterThanRtp).unitKind()).isEqualTo(UsbUnitKind.BARE_PAYLOAD);
    }

    @Test
    void absurdLengthsAreNeverAllocated() throws Exception {
        // 65535 × 65537 = 2^32 - 1: the largest dataSize there is, a whole number of the largest units
        byte[] header = header("PCMA", 65_535, 160, 0xFFFF_FFFFL, ByteOrder.LITTLE_ENDIAN);
        byte[] tiny = withBody(header, 100);
        byte[] twoUnits = withBody(header, 2 * 65_535);

        long before = Fixtures.allocatedBytes();
        assertRejected(tiny, "truncated before its first whole 65535-byte unit");
        UsbRecording recording = parse(twoUnits);
        assertThat(readAll(recording)).hasSize(2);
        long allocated = Fixtures.allocatedBytes() - before;

        assertThat(recording.warnings()).singleElement().asString().contains("truncated");
        assertThat(allocated).isLessThan(4L * 1024 * 1024);
    }

    @Test
    void survivesRandomAndMangledInputWithRejectionsOrWarningsOnly() throws Exception {
        Random random = new Random(20_251_123);
        byte[] good = Fixtures.bytes("usb/g722-rtp-be.wav");
        int accepted = 0;
        int rejected = 0;
        for (int round = 0; round < 6000; round++) {
            byte[] input = switch (round % 3) {
                case 0 -> randomBytes(random, random.nextInt(600));
                case 1 -> withRandomBody(random);
                default -> mangled(random, good);
            };
            try {
                UsbRecording recording = parse(input);
                List<RtpFrame> frames = readAll(recording);
                assertThat((long) frames.size()).isLessThanOrEqualTo(recording.header().units());
                accepted++;
            } catch (ImportRejectedException e) {
                assertThat(e.getMessage()).isNotBlank();
                rejected++;
            }
        }
        assertThat(accepted).as("inputs imported").isGreaterThan(1000);
        assertThat(rejected).as("inputs rejected").isGreaterThan(1000);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A plausible header with random numbers, then random bytes. */
    private static byte[] withRandomBody(Random random) {
        int rtpLen = random.nextBoolean() ? random.nextInt(300) - 10 : random.nextInt();
        long dataSize = random.nextBoolean() ? (long) rtpLen * random.nextInt(5) : random.nextInt();
        ByteOrder order = random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        byte[] header = header("PCMU", rtpLen, random.nextInt(400) - 10, dataSize, order);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(header);
        file.writeBytes(randomBytes(random, random.nextInt(1200)));
        return file.toByteArray();
    }

    /** The good file cut at a random point with a few random bytes changed. */
    private static byte[] mangled(Random random, byte[] good) {
        byte[] copy = Arrays.copyOf(good, 1 + random.nextInt(good.length));
        for (int flips = random.nextInt(6); flips > 0; flips--) {
            copy[random.nextInt(Math.min(copy.length, 400))] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] withBody(byte[] header, int bodyLength) {
        return Arrays.copyOf(header, header.length + bodyLength);
    }

    private static UsbRecording parse(byte[] file) throws IOException, ImportRejectedException {
        return UsbRecordingParser.parse(new ByteArrayInputStream(file), file.length, START);
    }

    private static void assertRejected(byte[] file, String reason) {
        try {
            parse(file);
            fail("accepted, but expected a rejection saying: " + reason);
        } catch (ImportRejectedException e) {
            assertThat(e.getMessage()).contains(reason);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<RtpFrame> readAll(UsbRecording recording) throws IOException {
        List<RtpFrame> frames = new ArrayList<>();
        for (RtpFrame frame; (frame = recording.next()) != null; ) {
            frames.add(frame);
        }
        return frames;
    }

    static byte[] payloads(List<RtpFrame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(frame -> out.writeBytes(frame.payload()));
        return out.toByteArray();
    }
}
