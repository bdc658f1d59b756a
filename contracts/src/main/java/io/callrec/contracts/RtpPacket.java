package io.callrec.contracts;

import java.util.Objects;

/**
 * Stateless readers for an RTP packet (RFC 3550 §5.1) held in {@code buf[off, off + len)}, in the
 * style of libjitsi's {@code RawPacket}: nothing is copied or kept.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * |            contributing source (CSRC) identifiers (CC x 32)   |
 * |  extension profile            |  extension length (32-bit words)  (if X)
 * |  extension data ...                                           |
 * |  payload ...                  | padding ...   | padding count |  (if P)
 * </pre>
 *
 * Call {@link #validate} first. The fixed-header readers need only {@value #FIXED_HEADER_LENGTH}
 * bytes; {@link #payloadOffset} and {@link #payloadLength} need the parts {@code validate} checks and
 * throw {@link IllegalArgumentException} on a packet it would refuse. A slice outside {@code buf}
 * is a caller bug and throws {@link IndexOutOfBoundsException}.
 */
public final class RtpPacket {
    public static final int FIXED_HEADER_LENGTH = 12;
    public static final int VERSION = 2;
    public static final int COMFORT_NOISE_PAYLOAD_TYPE = 13;
    public static final int FIRST_DYNAMIC_PAYLOAD_TYPE = 96;
    public static final int LAST_DYNAMIC_PAYLOAD_TYPE = 127;
    private static final int FIRST_RTCP_TYPE = 72;
    private static final int LAST_RTCP_TYPE = 76;

    private static final int VERSION_SHIFT = 6;
    private static final int PADDING_MASK = 0x20;
    private static final int EXTENSION_MASK = 0x10;
    private static final int CSRC_COUNT_MASK = 0x0F;
    private static final int MARKER_MASK = 0x80;
    private static final int PAYLOAD_TYPE_MASK = 0x7F;
    private static final int UNSIGNED_BYTE_MASK = 0xFF;
    private static final int UNSIGNED_SHORT_MASK = 0xFFFF;
    private static final long UNSIGNED_INT_MASK = 0xFFFF_FFFFL;
    private static final int SEQUENCE_OFFSET = 2;
    private static final int TIMESTAMP_OFFSET = 4;
    private static final int SSRC_OFFSET = 8;
    private static final int CSRC_LENGTH = 4;
    private static final int EXTENSION_HEADER_LENGTH = 4;
    private static final int EXTENSION_LENGTH_OFFSET = 2;
    private static final int EXTENSION_WORD_LENGTH = 4;
    // Codes of the private measuring helpers; never valid lengths.
    private static final int CSRC_RUNS_PAST = -1;
    private static final int EXTENSION_RUNS_PAST = -2;
    private static final int PADDING_DOES_NOT_FIT = -1;

    /** What {@link #validate} found. */
    public enum Validation {
        VALID,
        /** Shorter than the fixed header. */
        TOO_SHORT,
        /** Version other than 2: not RTP (STUN, DTLS and stray traffic land here). */
        BAD_VERSION,
        /** The CSRC list runs past the end. */
        CSRC_OVERFLOW,
        /** The extension header, or the length it declares, runs past the end. */
        EXTENSION_OVERFLOW,
        /** Padding flag set with a count of 0 or a count larger than what follows the header. */
        BAD_PADDING,
        /**
         * Well-formed but without payload, such as a NAT keepalive (RFC 6263). Kept apart from the
         * malformed cases so the caller can drop it without counting it as corrupt.
         */
        EMPTY_PAYLOAD;

        public boolean isValid() {
            return this == VALID;
        }
    }

    private RtpPacket() {
    }

    /** Checks every length the header declares against {@code len}; never throws for any content. */
    public static Validation validate(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < FIXED_HEADER_LENGTH) {
            return Validation.TOO_SHORT;
        }
        if (version(buf, off, len) != VERSION) {
            return Validation.BAD_VERSION;
        }
        int headerLength = measureHeader(buf, off, len);
        if (headerLength == CSRC_RUNS_PAST) {
            return Validation.CSRC_OVERFLOW;
        }
        if (headerLength == EXTENSION_RUNS_PAST) {
            return Validation.EXTENSION_OVERFLOW;
        }
        int paddingLength = measurePadding(buf, off, len, headerLength);
        if (paddingLength == PADDING_DOES_NOT_FIT) {
            return Validation.BAD_PADDING;
        }
        if (len - headerLength - paddingLength == 0) {
            return Validation.EMPTY_PAYLOAD;
        }
        return Validation.VALID;
    }

    public static int version(byte[] buf, int off, int len) {
        checkFixedHeader(buf, off, len);
        return (buf[off] & UNSIGNED_BYTE_MASK) >>> VERSION_SHIFT;
    }

    public static boolean hasPadding(byte[] buf, int off, int len) {
        checkFixedHeader(buf, off, len);
        return (buf[off] & PADDING_MASK) != 0;
    }

    public static boolean hasExtension(byte[] buf, int off, int len) {
        checkFixedHeader(buf, off, len);
        return (buf[off] & EXTENSION_MASK) != 0;
    }

    /** Number of CSRC identifiers the header declares (0..15). */
    public static int csrcCount(byte[] buf, int off, int len) {
        checkFixedHeader(buf, off, len);
        return buf[off] & CSRC_COUNT_MASK;
    }

    public static boolean marker(byte[] buf, int off, int len) {
        checkFixedHeader(buf, off, len);
        return (buf[off + 1] & MARKER_MASK) != 0;
    }

    /** 0..127. */
    public static int payloadType(byte[] buf, int off, int len) {
        checkFixedHeader(buf, off, len);
        return buf[off + 1] & PAYLOAD_TYPE_MASK;
    }

    /** 0..65535. */
    public static int sequence(byte[] buf, int off, int len) {
        checkFixedHeader(buf, off, len);
        return readUnsignedShort(buf, off + SEQUENCE_OFFSET);
    }

    /** 0..2^32-1. */
    public static long timestamp(byte[] buf, int off, int len) {
        checkFixedHeader(buf, off, len);
        return readUnsignedInt(buf, off + TIMESTAMP_OFFSET);
    }

    /** 0..2^32-1. */
    public static long ssrc(byte[] buf, int off, int len) {
        checkFixedHeader(buf, off, len);
        return readUnsignedInt(buf, off + SSRC_OFFSET);
    }

    /** Index in {@code buf} (not relative to {@code off}) where the payload starts. */
    public static int payloadOffset(byte[] buf, int off, int len) {
        return off + headerLength(buf, off, len);
    }

    /** Payload bytes after the header, without padding. */
    public static int payloadLength(byte[] buf, int off, int len) {
        int headerLength = headerLength(buf, off, len);
        int paddingLength = measurePadding(buf, off, len, headerLength);
        if (paddingLength == PADDING_DOES_NOT_FIT) {
            throw new IllegalArgumentException("RTP padding count " + (buf[off + len - 1] & UNSIGNED_BYTE_MASK)
                    + " is 0 or larger than the " + (len - headerLength) + " bytes after the header");
        }
        return len - headerLength - paddingLength;
    }

    public static boolean isComfortNoise(int payloadType) {
        return payloadType == COMFORT_NOISE_PAYLOAD_TYPE;
    }

    public static boolean isDynamic(int payloadType) {
        return payloadType >= FIRST_DYNAMIC_PAYLOAD_TYPE && payloadType <= LAST_DYNAMIC_PAYLOAD_TYPE;
    }

    /** Types that travel with audio but are not audio: comfort noise and dynamic types (telephone events). */
    public static boolean isAudioCompanion(int payloadType) {
        return isComfortNoise(payloadType) || isDynamic(payloadType);
    }

    /**
     * RTCP sent to the same port looks like RTP version 2 with "payload types" 72-76 (packet types 200-204 with
     * the marker bit): a capture holds both, so importers tell them apart.
     */
    public static boolean isRtcp(byte[] buf, int off, int len) {
        int type = payloadType(buf, off, len);
        return type >= FIRST_RTCP_TYPE && type <= LAST_RTCP_TYPE;
    }

    /** Valid RTP carrying a payload, and not RTCP. */
    public static boolean isMedia(byte[] buf, int off, int len) {
        return validate(buf, off, len).isValid() && !isRtcp(buf, off, len);
    }

    /** The packet as a frame with its payload copied; call only for a packet {@link #validate} found valid. */
    public static RtpFrame toFrame(byte[] buf, int off, int len, long arrivalMicros) {
        int payloadOffset = payloadOffset(buf, off, len);
        return new RtpFrame(sequence(buf, off, len), timestamp(buf, off, len), payloadType(buf, off, len),
                marker(buf, off, len), ssrc(buf, off, len), arrivalMicros,
                java.util.Arrays.copyOfRange(buf, payloadOffset, payloadOffset + payloadLength(buf, off, len)));
    }

    /** Fixed header, CSRCs and extension; throws when they run past {@code len}. */
    private static int headerLength(byte[] buf, int off, int len) {
        int length = measureHeader(buf, off, len);
        if (length == CSRC_RUNS_PAST) {
            throw new IllegalArgumentException("RTP CSRC list runs past the packet of " + len + " bytes");
        }
        if (length == EXTENSION_RUNS_PAST) {
            throw new IllegalArgumentException("RTP header extension runs past the packet of " + len + " bytes");
        }
        return length;
    }

    /** Length of the fixed header, CSRCs and extension, or a negative code for the part that does not fit. */
    private static int measureHeader(byte[] buf, int off, int len) {
        int length = FIXED_HEADER_LENGTH + csrcCount(buf, off, len) * CSRC_LENGTH;
        if (length > len) {
            return CSRC_RUNS_PAST;
        }
        if (!hasExtension(buf, off, len)) {
            return length;
        }
        if (length + EXTENSION_HEADER_LENGTH > len) {
            return EXTENSION_RUNS_PAST;
        }
        int extensionWords = readUnsignedShort(buf, off + length + EXTENSION_LENGTH_OFFSET);
        length += EXTENSION_HEADER_LENGTH + extensionWords * EXTENSION_WORD_LENGTH;
        return length > len ? EXTENSION_RUNS_PAST : length;
    }

    /**
     * Padding bytes at the end (the last byte counts them, itself included), 0 without the padding
     * flag, or {@link #PADDING_DOES_NOT_FIT} for a count of 0 or one reaching into the header.
     */
    private static int measurePadding(byte[] buf, int off, int len, int headerLength) {
        if (!hasPadding(buf, off, len)) {
            return 0;
        }
        int count = buf[off + len - 1] & UNSIGNED_BYTE_MASK;
        return count == 0 || count > len - headerLength ? PADDING_DOES_NOT_FIT : count;
    }

    private static void checkFixedHeader(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < FIXED_HEADER_LENGTH) {
            throw new IllegalArgumentException("RTP packet of " + len + " bytes is shorter than its fixed header");
        }
    }

    private static int readUnsignedShort(byte[] buf, int at) {
        return (buf[at] << 8 | buf[at + 1] & UNSIGNED_BYTE_MASK) & UNSIGNED_SHORT_MASK;
    }

    private static long readUnsignedInt(byte[] buf, int at) {
        int value = buf[at] << 24 | (buf[at + 1] & UNSIGNED_BYTE_MASK) << 16
                | (buf[at + 2] & UNSIGNED_BYTE_MASK) << 8 | buf[at + 3] & UNSIGNED_BYTE_MASK;
        return value & UNSIGNED_INT_MASK;
    }
}
