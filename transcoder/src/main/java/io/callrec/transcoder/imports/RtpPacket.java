package io.callrec.transcoder.imports;

import io.callrec.contracts.RtpFrame;

import java.util.Arrays;

/**
 * Reads an RTP packet (RFC 3550) statelessly over {@code (buf, off, len)}. Every accessor other
 * than {@link #isValid} assumes the packet is valid.
 */
final class RtpPacket {

    static final int HEADER_BYTES = 12;
    static final int COMFORT_NOISE = 13;
    static final int FIRST_DYNAMIC_TYPE = 96;

    private static final int VERSION_MASK = 0xC0;
    private static final int VERSION_2 = 0x80;
    private static final int PADDING_BIT = 0x20;
    private static final int EXTENSION_BIT = 0x10;
    private static final int CSRC_COUNT_MASK = 0x0F;
    private static final int MARKER_BIT = 0x80;
    private static final int PAYLOAD_TYPE_MASK = 0x7F;
    private static final int CSRC_BYTES = 4;
    private static final int EXTENSION_HEADER_BYTES = 4;
    /** RTCP packet types 200..204 read as RTP payload types 72..76 (RFC 5761 section 4). */
    private static final int FIRST_RTCP_TYPE = 72;
    private static final int LAST_RTCP_TYPE = 76;

    private RtpPacket() {
    }

    /** Version 2, not RTCP, and the header, CSRCs, extension and padding all fit in {@code len}. */
    static boolean isValid(byte[] buf, int off, int len) {
        if (len < HEADER_BYTES || (ByteFields.u8(buf, off) & VERSION_MASK) != VERSION_2) {
            return false;
        }
        int type = payloadType(buf, off);
        if (type >= FIRST_RTCP_TYPE && type <= LAST_RTCP_TYPE) {
            return false;
        }
        int headerLength = headerLength(buf, off, len);
        if (headerLength < 0) {
            return false;
        }
        int padding = paddingLength(buf, off, len);
        // RFC 3550 5.1: with the P bit, the last byte counts the padding, itself included, so it is at least 1
        return (padding > 0 || !hasPadding(buf, off)) && headerLength + padding <= len;
    }

    static int payloadType(byte[] buf, int off) {
        return ByteFields.u8(buf, off + 1) & PAYLOAD_TYPE_MASK;
    }

    static boolean marker(byte[] buf, int off) {
        return (ByteFields.u8(buf, off + 1) & MARKER_BIT) != 0;
    }

    static int sequence(byte[] buf, int off) {
        return ByteFields.u16(buf, off + 2);
    }

    static long timestamp(byte[] buf, int off) {
        return ByteFields.u32(buf, off + 4);
    }

    static long ssrc(byte[] buf, int off) {
        return ByteFields.u32(buf, off + 8);
    }

    /** True for the types that travel with audio but are not audio: comfort noise and dynamic types (DTMF). */
    static boolean isAudioCompanion(int payloadType) {
        return payloadType == COMFORT_NOISE || payloadType >= FIRST_DYNAMIC_TYPE;
    }

    /** The packet as a frame, with its payload copied; null if it is not valid RTP. */
    static RtpFrame toFrame(byte[] buf, int off, int len, long arrivalMicros) {
        if (!isValid(buf, off, len)) {
            return null;
        }
        int payloadStart = off + headerLength(buf, off, len);
        int payloadEnd = off + len - paddingLength(buf, off, len);
        return new RtpFrame(sequence(buf, off), timestamp(buf, off), payloadType(buf, off), marker(buf, off),
                ssrc(buf, off), arrivalMicros, Arrays.copyOfRange(buf, payloadStart, payloadEnd));
    }

    /** Fixed header, CSRCs and extension; -1 if they do not fit in {@code len}. */
    private static int headerLength(byte[] buf, int off, int len) {
        int first = ByteFields.u8(buf, off);
        int length = HEADER_BYTES + (first & CSRC_COUNT_MASK) * CSRC_BYTES;
        if ((first & EXTENSION_BIT) != 0) {
            if (length + EXTENSION_HEADER_BYTES > len) {
                return -1;
            }
            length += EXTENSION_HEADER_BYTES + ByteFields.u16(buf, off + length + 2) * 4;
        }
        return length <= len ? length : -1;
    }

    private static boolean hasPadding(byte[] buf, int off) {
        return (ByteFields.u8(buf, off) & PADDING_BIT) != 0;
    }

    /** Padding bytes at the end, counted by the last byte; 0 without the P bit. */
    private static int paddingLength(byte[] buf, int off, int len) {
        return hasPadding(buf, off) ? ByteFields.u8(buf, off + len - 1) : 0;
    }
}
