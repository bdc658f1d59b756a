package io.callrec.transcoder.imports;

import io.callrec.contracts.RtpFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RtpPacketTest {

    /** Version 2, marker, PT 8, sequence 0xFFFE, timestamp 0xFFFFFFF0, SSRC 0xDEADBEEF, payload 1 2 3. */
    private static final byte[] PLAIN = {(byte) 0x80, (byte) 0x88, (byte) 0xFF, (byte) 0xFE,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF,
            1, 2, 3};

    @Test
    void readsTheHeaderFieldsAsUnsignedValues() {
        RtpFrame frame = RtpPacket.toFrame(PLAIN, 0, PLAIN.length, 42);

        assertThat(frame).isNotNull();
        assertThat(frame.sequence()).isEqualTo(0xFFFE);
        assertThat(frame.timestamp()).isEqualTo(0xFFFF_FFF0L);
        assertThat(frame.ssrc()).isEqualTo(0xDEAD_BEEFL);
        assertThat(frame.payloadType()).isEqualTo(8);
        assertThat(frame.marker()).isTrue();
        assertThat(frame.arrivalMicros()).isEqualTo(42);
        assertThat(frame.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void readsAPacketInsideALargerBuffer() {
        byte[] buffer = new byte[PLAIN.length + 10];
        System.arraycopy(PLAIN, 0, buffer, 7, PLAIN.length);

        assertThat(RtpPacket.toFrame(buffer, 7, PLAIN.length, 0).payload()).containsExactly(1, 2, 3);
    }

    @Test
    void skipsCsrcsExtensionAndPadding() {
        byte[] packet = ByteBuffer.allocate(12 + 8 + 8 + 3 + 4)
                .put((byte) 0xB2).put((byte) 0x00).putShort((short) 1).putInt(2).putInt(3)   // P, X, CC = 2
                .putInt(0x1111).putInt(0x2222)                                                  // CSRCs
                .putShort((short) 0xBEDE).putShort((short) 1).putInt(0x33333333)                // one-word extension
                .put(new byte[]{9, 8, 7})
                .put(new byte[]{0, 0, 0, 4})                                                    // 4 bytes of padding
                .array();

        assertThat(RtpPacket.isValid(packet, 0, packet.length)).isTrue();
        assertThat(RtpPacket.toFrame(packet, 0, packet.length, 0).payload()).containsExactly(9, 8, 7);
    }

    @Test
    void acceptsAnEmptyPayload() {
        assertThat(RtpPacket.toFrame(PLAIN, 0, 12, 0).payload()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x40, 0xC0})
    void rejectsOtherVersions(int firstByte) {
        byte[] packet = PLAIN.clone();
        packet[0] = (byte) firstByte;

        assertThat(RtpPacket.isValid(packet, 0, packet.length)).isFalse();
        assertThat(RtpPacket.toFrame(packet, 0, packet.length, 0)).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 203, 204})
    void rejectsRtcp(int packetType) {
        byte[] packet = PLAIN.clone();
        packet[1] = (byte) packetType;

        assertThat(RtpPacket.isValid(packet, 0, packet.length)).isFalse();
    }

    @Test
    void rejectsHeadersThatDoNotFit() {
        byte[] csrcsMissing = PLAIN.clone();
        csrcsMissing[0] = (byte) 0x81;                       // one CSRC, only 3 bytes follow
        byte[] extensionTooLong = Arrays.copyOf(PLAIN, 20);
        extensionTooLong[0] = (byte) 0x90;
        extensionTooLong[15] = 2;                            // 2 words announced, 4 bytes follow
        byte[] zeroPadding = PLAIN.clone();
        zeroPadding[0] = (byte) 0xA0;
        zeroPadding[14] = 0;
        byte[] paddingPastHeader = PLAIN.clone();
        paddingPastHeader[0] = (byte) 0xA0;
        paddingPastHeader[14] = 4;                           // only 3 payload bytes

        for (int length = 0; length < 12; length++) {
            assertThat(RtpPacket.isValid(PLAIN, 0, length)).as("%d bytes", length).isFalse();
        }
        assertThat(RtpPacket.isValid(csrcsMissing, 0, csrcsMissing.length)).isFalse();
        assertThat(RtpPacket.isValid(extensionTooLong, 0, extensionTooLong.length)).isFalse();
        assertThat(RtpPacket.isValid(zeroPadding, 0, zeroPadding.length)).isFalse();
        assertThat(RtpPacket.isValid(paddingPastHeader, 0, paddingPastHeader.length)).isFalse();
    }

    @Test
    void knowsWhichTypesTravelWithAudio() {
        assertThat(RtpPacket.isAudioCompanion(13)).isTrue();
        assertThat(RtpPacket.isAudioCompanion(101)).isTrue();
        assertThat(RtpPacket.isAudioCompanion(8)).isFalse();
        assertThat(RtpPacket.isAudioCompanion(18)).isFalse();
    }
}
