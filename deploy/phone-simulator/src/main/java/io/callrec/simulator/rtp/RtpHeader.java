package io.callrec.simulator.rtp;

import java.nio.ByteBuffer;

/** Writes the fixed 12-byte RTP header (RFC 3550): version 2, no padding, extension or CSRCs. */
final class RtpHeader {
    static final int LENGTH = 12;

    private static final int VERSION_2 = 0x80;
    private static final int MARKER = 0x80;
    private static final int PAYLOAD_TYPE_MASK = 0x7F;

    private RtpHeader() {
    }

    /** Clears {@code packet} and writes the header at its start; the payload follows. */
    static void write(ByteBuffer packet, boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {
        packet.clear();
        packet.put((byte) VERSION_2);
        packet.put((byte) ((marker ? MARKER : 0) | (payloadType & PAYLOAD_TYPE_MASK)));
        packet.putShort((short) sequence);
        packet.putInt((int) timestamp);
        packet.putInt((int) ssrc);
    }
}
