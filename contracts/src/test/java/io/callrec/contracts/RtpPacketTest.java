package io.callrec.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callrec.contracts.RtpPacket.Validation;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtpPacketTest {

    /** V=2, M=1, PT=8 (PCMA), seq 0x1234, ts 123456, SSRC 0xDEADBEEF, 160 bytes of PCMA silence. */
    private static final byte[] PCMA_PACKET = withPayload(
            HexFormat.of().parseHex("808812340001E240DEADBEEF"), 160, (byte) 0xD5);

    @Test
    void fixedHeaderFieldsOfAPcmaPacketAreRead() {
        byte[] p = PCMA_PACKET;
        int len = p.length;

        assertEquals(Validation.VALID, RtpPacket.validate(p, 0, len));
        assertEquals(2, RtpPacket.version(p, 0, len));
        assertFalse(RtpPacket.hasPadding(p, 0, len));
        assertFalse(RtpPacket.hasExtension(p, 0, len));
        assertEquals(0, RtpPacket.csrcCount(p, 0, len));
        assertTrue(RtpPacket.marker(p, 0, len));
        assertEquals(8, RtpPacket.payloadType(p, 0, len));
        assertEquals(0x1234, RtpPacket.sequence(p, 0, len));
        assertEquals(123_456L, RtpPacket.timestamp(p, 0, len));
        assertEquals(0xDEAD_BEEFL, RtpPacket.ssrc(p, 0, len));
        assertEquals(12, RtpPacket.payloadOffset(p, 0, len));
        assertEquals(160, RtpPacket.payloadLength(p, 0, len));
    }

    @Test
    void largestFieldValuesAreReadUnsigned() {
        byte[] p = new Packet().marker(true).payloadType(127).sequence(0xFFFF).timestamp(0xFFFF_FFFFL)
                .ssrc(0xFFFF_FFFFL).build();

        assertTrue(RtpPacket.marker(p, 0, p.length));
        assertEquals(127, RtpPacket.payloadType(p, 0, p.length));
        assertEquals(65_535, RtpPacket.sequence(p, 0, p.length));
        assertEquals(4_294_967_295L, RtpPacket.timestamp(p, 0, p.length));
        assertEquals(4_294_967_295L, RtpPacket.ssrc(p, 0, p.length));
    }

    @Test
    void smallestFieldValuesAreRead() {
        byte[] p = new Packet().marker(false).payloadType(0).sequence(0).timestamp(0).ssrc(0).build();

        assertFalse(RtpPacket.marker(p, 0, p.length));
        assertEquals(0, RtpPacket.payloadType(p, 0, p.length));
        assertEquals(0, RtpPacket.sequence(p, 0, p.length));
        assertEquals(0L, RtpPacket.timestamp(p, 0, p.length));
        assertEquals(0L, RtpPacket.ssrc(p, 0, p.length));
    }

    @Test
    void valuesWithTheTopBitOfEachByteSetAreNotSignExtended() {
        byte[] p = new Packet().sequence(0x80FF).timestamp(0x8000_0080L).ssrc(0xFF00_FF00L).build();

        assertEquals(0x80FF, RtpPacket.sequence(p, 0, p.length));
        assertEquals(0x8000_0080L, RtpPacket.timestamp(p, 0, p.length));
        assertEquals(0xFF00_FF00L, RtpPacket.ssrc(p, 0, p.length));
    }

    @Test
    void markerBitAndPayloadTypeShareAByteWithoutMixing() {
        byte[] markedZero = new Packet().marker(true).payloadType(0).build();
        byte[] unmarked127 = new Packet().marker(false).payloadType(127).build();

        assertTrue(RtpPacket.marker(markedZero, 0, markedZero.length));
        assertEquals(0, RtpPacket.payloadType(markedZero, 0, markedZero.length));
        assertFalse(RtpPacket.marker(unmarked127, 0, unmarked127.length));
        assertEquals(127, RtpPacket.payloadType(unmarked127, 0, unmarked127.length));
    }

    @Test
    void packetInsideALargerBufferIsReadAtItsOffset() {
        byte[] buf = new byte[7 + PCMA_PACKET.length + 9];
        Arrays.fill(buf, (byte) 0xFF);
        System.arraycopy(PCMA_PACKET, 0, buf, 7, PCMA_PACKET.length);
        int len = PCMA_PACKET.length;

        assertEquals(Validation.VALID, RtpPacket.validate(buf, 7, len));
        assertEquals(0x1234, RtpPacket.sequence(buf, 7, len));
        assertEquals(0xDEAD_BEEFL, RtpPacket.ssrc(buf, 7, len));
        assertEquals(7 + 12, RtpPacket.payloadOffset(buf, 7, len));
        assertEquals(160, RtpPacket.payloadLength(buf, 7, len));
    }

    @Test
    void paddingAtTheEndOfTheSliceIsReadNotTheEndOfTheBuffer() {
        byte[] packet = new Packet().padding(3).payload(10).build();
        byte[] buf = Arrays.copyOf(packet, packet.length + 5); // trailing zeros would be padding 0

        assertEquals(Validation.VALID, RtpPacket.validate(buf, 0, packet.length));
        assertEquals(10, RtpPacket.payloadLength(buf, 0, packet.length));
    }

    @Test
    void csrcsComeBeforeThePayload() {
        byte[] p = new Packet().csrcs(15).payload(20).build();

        assertEquals(Validation.VALID, RtpPacket.validate(p, 0, p.length));
        assertEquals(15, RtpPacket.csrcCount(p, 0, p.length));
        assertEquals(12 + 15 * 4, RtpPacket.payloadOffset(p, 0, p.length));
        assertEquals(20, RtpPacket.payloadLength(p, 0, p.length));
    }

    @Test
    void extensionHeaderAndItsWordsComeBeforeThePayload() {
        byte[] p = new Packet().extensionWords(2).payload(20).build();

        assertEquals(Validation.VALID, RtpPacket.validate(p, 0, p.length));
        assertTrue(RtpPacket.hasExtension(p, 0, p.length));
        assertEquals(12 + 4 + 8, RtpPacket.payloadOffset(p, 0, p.length));
        assertEquals(20, RtpPacket.payloadLength(p, 0, p.length));
    }

    @Test
    void emptyExtensionTakesOnlyItsHeader() {
        byte[] p = new Packet().extensionWords(0).payload(1).build();

        assertEquals(Validation.VALID, RtpPacket.validate(p, 0, p.length));
        assertEquals(16, RtpPacket.payloadOffset(p, 0, p.length));
        assertEquals(1, RtpPacket.payloadLength(p, 0, p.length));
    }

    @Test
    void extensionFollowsTheCsrcs() {
        byte[] p = new Packet().csrcs(2).extensionWords(1).payload(5).build();

        assertEquals(Validation.VALID, RtpPacket.validate(p, 0, p.length));
        assertEquals(12 + 8 + 4 + 4, RtpPacket.payloadOffset(p, 0, p.length));
        assertEquals(5, RtpPacket.payloadLength(p, 0, p.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 255})
    void paddingIsLeftOutOfThePayload(int padding) {
        byte[] p = new Packet().padding(padding).payload(30).build();

        assertEquals(Validation.VALID, RtpPacket.validate(p, 0, p.length));
        assertTrue(RtpPacket.hasPadding(p, 0, p.length));
        assertEquals(12, RtpPacket.payloadOffset(p, 0, p.length));
        assertEquals(30, RtpPacket.payloadLength(p, 0, p.length));
    }

    @Test
    void paddingAfterCsrcsAndExtensionIsLeftOutOfThePayload() {
        byte[] p = new Packet().csrcs(1).extensionWords(1).padding(4).payload(8).build();

        assertEquals(Validation.VALID, RtpPacket.validate(p, 0, p.length));
        assertEquals(12 + 4 + 4 + 4, RtpPacket.payloadOffset(p, 0, p.length));
        assertEquals(8, RtpPacket.payloadLength(p, 0, p.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 11})
    void packetShorterThanTheFixedHeaderIsTooShort(int len) {
        assertEquals(Validation.TOO_SHORT, RtpPacket.validate(Arrays.copyOf(PCMA_PACKET, len), 0, len));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void versionOtherThanTwoIsRefused(int version) {
        byte[] p = new Packet().version(version).build();

        assertEquals(Validation.BAD_VERSION, RtpPacket.validate(p, 0, p.length));
    }

    @Test
    void stunBindingRequestIsNotRtp() {
        byte[] stun = HexFormat.of().parseHex("000100002112a442b7e7a701bc34d686fa87dfae");

        assertEquals(Validation.BAD_VERSION, RtpPacket.validate(stun, 0, stun.length));
    }

    @Test
    void csrcListRunningPastTheEndIsRefused() {
        byte[] full = new Packet().csrcs(15).build();
        byte[] cut = Arrays.copyOf(full, 12 + 15 * 4 - 1);
        byte[] headerOnly = Arrays.copyOf(new Packet().csrcs(1).build(), 12);

        assertEquals(Validation.CSRC_OVERFLOW, RtpPacket.validate(cut, 0, cut.length));
        assertEquals(Validation.CSRC_OVERFLOW, RtpPacket.validate(headerOnly, 0, headerOnly.length));
    }

    @Test
    void extensionHeaderRunningPastTheEndIsRefused() {
        byte[] p = Arrays.copyOf(new Packet().extensionWords(0).build(), 15);

        assertEquals(Validation.EXTENSION_OVERFLOW, RtpPacket.validate(p, 0, p.length));
    }

    @Test
    void extensionLengthRunningPastTheEndIsRefused() {
        byte[] oneWordShort = Arrays.copyOf(new Packet().extensionWords(2).build(), 12 + 4 + 7);
        byte[] hugeLength = new Packet().extensionWords(0).payload(40).build();
        hugeLength[14] = (byte) 0xFF;
        hugeLength[15] = (byte) 0xFF;

        assertEquals(Validation.EXTENSION_OVERFLOW, RtpPacket.validate(oneWordShort, 0, oneWordShort.length));
        assertEquals(Validation.EXTENSION_OVERFLOW, RtpPacket.validate(hugeLength, 0, hugeLength.length));
    }

    @Test
    void extensionLengthIsCountedInWordsNotBytes() {
        byte[] p = new Packet().extensionWords(0).payload(8).build();
        p[15] = 3; // 12 bytes of extension data: more than the 8 that follow

        assertEquals(Validation.EXTENSION_OVERFLOW, RtpPacket.validate(p, 0, p.length));
    }

    @Test
    void paddingCountOfZeroIsRefused() {
        byte[] p = new Packet().padding(1).payload(10).build();
        p[p.length - 1] = 0;

        assertEquals(Validation.BAD_PADDING, RtpPacket.validate(p, 0, p.length));
    }

    @Test
    void paddingLargerThanWhatFollowsTheHeaderIsRefused() {
        byte[] p = new Packet().csrcs(1).padding(1).payload(10).build();
        p[p.length - 1] = 12; // 11 bytes follow the header and CSRC

        assertEquals(Validation.BAD_PADDING, RtpPacket.validate(p, 0, p.length));
    }

    @Test
    void paddingFillingEverythingAfterTheHeaderLeavesAnEmptyPayload() {
        byte[] p = new Packet().padding(4).payload(0).build();

        assertEquals(Validation.EMPTY_PAYLOAD, RtpPacket.validate(p, 0, p.length));
        assertEquals(0, RtpPacket.payloadLength(p, 0, p.length));
    }

    @Test
    void headerWithoutPayloadIsAnEmptyPayload() {
        byte[] p = new Packet().csrcs(1).extensionWords(1).payload(0).build();

        assertEquals(Validation.EMPTY_PAYLOAD, RtpPacket.validate(p, 0, p.length));
        assertFalse(RtpPacket.validate(p, 0, p.length).isValid());
        assertEquals(p.length, RtpPacket.payloadOffset(p, 0, p.length));
    }

    @Test
    void onlyValidIsValid() {
        for (Validation validation : Validation.values()) {
            assertEquals(validation == Validation.VALID, validation.isValid(), validation.name());
        }
    }

    @Test
    void fixedHeaderReadersRefuseAPacketShorterThanTheHeader() {
        byte[] p = new byte[11];

        assertThrows(IllegalArgumentException.class, () -> RtpPacket.version(p, 0, 11));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.sequence(p, 0, 11));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.ssrc(p, 0, 11));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.payloadOffset(p, 0, 11));
    }

    @Test
    void payloadReadersRefuseHeadersThatRunPastThePacket() {
        byte[] csrcs = Arrays.copyOf(new Packet().csrcs(2).build(), 16);
        byte[] extension = Arrays.copyOf(new Packet().extensionWords(0).build(), 14);

        assertThrows(IllegalArgumentException.class, () -> RtpPacket.payloadOffset(csrcs, 0, csrcs.length));
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.payloadLength(extension, 0, extension.length));
    }

    @Test
    void payloadLengthRefusesPaddingThatDoesNotFit() {
        byte[] p = new Packet().padding(1).payload(3).build();
        p[p.length - 1] = 5;

        assertThrows(IllegalArgumentException.class, () -> RtpPacket.payloadLength(p, 0, p.length));
    }

    @Test
    void sliceOutsideTheBufferIsACallerBug() {
        byte[] p = PCMA_PACKET;

        assertThrows(IndexOutOfBoundsException.class, () -> RtpPacket.validate(p, 1, p.length));
        assertThrows(IndexOutOfBoundsException.class, () -> RtpPacket.validate(p, -1, 12));
        assertThrows(IndexOutOfBoundsException.class, () -> RtpPacket.sequence(p, 0, p.length + 1));
    }

    @Test
    void comfortNoiseIsPayloadType13() {
        assertTrue(RtpPacket.isComfortNoise(13));
        assertFalse(RtpPacket.isComfortNoise(12));
        assertFalse(RtpPacket.isComfortNoise(14));
    }

    @Test
    void dynamicPayloadTypesRunFrom96To127() {
        assertFalse(RtpPacket.isDynamic(0));
        assertFalse(RtpPacket.isDynamic(95));
        assertTrue(RtpPacket.isDynamic(96));
        assertTrue(RtpPacket.isDynamic(127));
        assertFalse(RtpPacket.isDynamic(128));
    }

    @Test
    void randomBuffersAreJudgedLikeTheRfcSaysAndNeverCrashTheReaders() {
        Random random = new Random(3550L);
        int valid = 0;
        for (int round = 0; round < 10_000; round++) {
            byte[] buf = new byte[random.nextInt(120)];
            random.nextBytes(buf);
            int off = buf.length == 0 ? 0 : random.nextInt(Math.min(buf.length, 4) + 1);
            int len = buf.length - off;
            if (len > 0 && random.nextBoolean()) {
                // Force version 2 and at most 3 CSRCs half the time, so deeper checks are reached too.
                buf[off] = (byte) (0x80 | buf[off] & 0x30 | buf[off] & 0x03);
            }
            Validation expected = reference(buf, off, len);

            assertEquals(expected, RtpPacket.validate(buf, off, len), "round " + round);
            if (expected.isValid() || expected == Validation.EMPTY_PAYLOAD) {
                int payloadOffset = RtpPacket.payloadOffset(buf, off, len);
                int payloadLength = RtpPacket.payloadLength(buf, off, len);
                assertTrue(payloadOffset >= off + 12 && payloadLength >= 0
                        && payloadOffset + payloadLength <= off + len, "round " + round);
                assertEquals(expected.isValid(), payloadLength > 0, "round " + round);
                valid += expected.isValid() ? 1 : 0;
            } else if (len >= 12 && expected != Validation.BAD_VERSION) {
                assertThrows(IllegalArgumentException.class, () -> RtpPacket.payloadLength(buf, off, len));
            }
        }
        assertTrue(valid > 1_000, "too few valid packets to mean anything: " + valid);
    }

    /** RFC 3550 §5.1 and A.1 written out plainly, as the oracle for the random buffers. */
    private static Validation reference(byte[] buf, int off, int len) {
        ByteBuffer packet = ByteBuffer.wrap(buf, off, len).slice();
        if (len < 12) {
            return Validation.TOO_SHORT;
        }
        int first = Byte.toUnsignedInt(packet.get(0));
        if (first >> 6 != 2) {
            return Validation.BAD_VERSION;
        }
        int header = 12 + 4 * (first & 0x0F);
        if (header > len) {
            return Validation.CSRC_OVERFLOW;
        }
        if ((first & 0x10) != 0) {
            if (header + 4 > len) {
                return Validation.EXTENSION_OVERFLOW;
            }
            header += 4 + 4 * Short.toUnsignedInt(packet.getShort(header + 2));
            if (header > len) {
                return Validation.EXTENSION_OVERFLOW;
            }
        }
        int padding = 0;
        if ((first & 0x20) != 0) {
            padding = Byte.toUnsignedInt(packet.get(len - 1));
            if (padding == 0 || header + padding > len) {
                return Validation.BAD_PADDING;
            }
        }
        return header + padding == len ? Validation.EMPTY_PAYLOAD : Validation.VALID;
    }

    private static byte[] withPayload(byte[] header, int length, byte fill) {
        byte[] packet = Arrays.copyOf(header, header.length + length);
        Arrays.fill(packet, header.length, packet.length, fill);
        return packet;
    }

    /** Builds test packets field by field; defaults to a valid PCMA packet with 160 bytes of payload. */
    private static final class Packet {
        private int version = 2;
        private boolean marker;
        private int payloadType = 8;
        private int sequence = 1;
        private long timestamp = 160;
        private long ssrc = 0x1234_5678L;
        private int csrcs;
        private int extensionWords = -1;
        private int padding;
        private int payload = 160;

        Packet version(int value) {
            version = value;
            return this;
        }

        Packet marker(boolean value) {
            marker = value;
            return this;
        }

        Packet payloadType(int value) {
            payloadType = value;
            return this;
        }

        Packet sequence(int value) {
            sequence = value;
            return this;
        }

        Packet timestamp(long value) {
            timestamp = value;
            return this;
        }

        Packet ssrc(long value) {
            ssrc = value;
            return this;
        }

        Packet csrcs(int count) {
            csrcs = count;
            return this;
        }

        /** Adds a header extension with this many 32-bit words of data. */
        Packet extensionWords(int words) {
            extensionWords = words;
            return this;
        }

        /** Adds this many bytes of padding, the count byte included. */
        Packet padding(int bytes) {
            padding = bytes;
            return this;
        }

        Packet payload(int bytes) {
            payload = bytes;
            return this;
        }

        byte[] build() {
            boolean extension = extensionWords >= 0;
            int length = 12 + 4 * csrcs + (extension ? 4 + 4 * extensionWords : 0) + payload + padding;
            ByteBuffer out = ByteBuffer.allocate(length);
            out.put((byte) (version << 6 | (padding > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs));
            out.put((byte) ((marker ? 0x80 : 0) | payloadType));
            out.putShort((short) sequence);
            out.putInt((int) timestamp);
            out.putInt((int) ssrc);
            for (int i = 0; i < csrcs; i++) {
                out.putInt(0x1000 + i);
            }
            if (extension) {
                out.putShort((short) 0xBEDE).putShort((short) extensionWords);
                for (int i = 0; i < extensionWords; i++) {
                    out.putInt(0x7777_7777);
                }
            }
            for (int i = 0; i < payload; i++) {
                out.put((byte) 0xD5);
            }
            if (padding > 0) {
                out.position(length - 1);
                out.put((byte) padding);
            }
            return out.array();
        }
    }

    @Test
    void rtcpOnTheSamePortIsNotMedia() {
        byte[] senderReport = new byte[28];
        senderReport[0] = (byte) 0x80;
        senderReport[1] = (byte) 200; // RTCP SR: reads as marker + payload type 72
        assertTrue(RtpPacket.isRtcp(senderReport, 0, senderReport.length));
        assertFalse(RtpPacket.isMedia(senderReport, 0, senderReport.length));
    }

    @Test
    void toFrameCopiesTheHeaderFieldsAndThePayloadWithoutPadding() {
        byte[] packet = ByteBuffer.allocate(12 + 4 + 2).put((byte) 0xA0).put((byte) 0x88).putShort((short) 0xFFFF)
                .putInt(0xFFFF_FFFF).putInt(0x01020304).put(new byte[] {9, 8, 7, 6}).put(new byte[] {0, 2}).array();
        assertTrue(RtpPacket.isMedia(packet, 0, packet.length));
        RtpFrame frame = RtpPacket.toFrame(packet, 0, packet.length, 42);
        assertEquals(0xFFFF, frame.sequence());
        assertEquals(0xFFFF_FFFFL, frame.timestamp());
        assertEquals(8, frame.payloadType());
        assertTrue(frame.marker());
        assertEquals(0x01020304L, frame.ssrc());
        assertEquals(42, frame.arrivalMicros());
        assertEquals("09080706", HexFormat.of().formatHex(frame.payload()));
    }
}
