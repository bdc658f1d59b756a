package io.callrec.simulator;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** An RTP datagram as a test peer received it, read independently of the simulator's writer. */
public record ReceivedRtp(int version, boolean marker, int payloadType, int sequence, long timestamp, long ssrc,
                          byte[] payload) {

    public static ReceivedRtp parse(byte[] datagram) {
        ByteBuffer in = ByteBuffer.wrap(datagram);
        int first = in.get() & 0xFF;
        int second = in.get() & 0xFF;
        int sequence = in.getShort() & 0xFFFF;
        long timestamp = in.getInt() & 0xFFFF_FFFFL;
        long ssrc = in.getInt() & 0xFFFF_FFFFL;
        return new ReceivedRtp(first >>> 6, (second & 0x80) != 0, second & 0x7F, sequence, timestamp, ssrc,
                Arrays.copyOfRange(datagram, 12, datagram.length));
    }
}
