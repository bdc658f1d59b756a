package io.callrec.simulator.rtp;

import io.callrec.simulator.speech.SpeechClip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The sender's UDP socket and its one reusable, direct packet buffer, so that a send allocates
 * nothing and the kernel copies straight from it. Used only by the scheduler thread.
 */
final class PacketWire {
    private final DatagramChannel channel;
    private final ByteBuffer packet = ByteBuffer.allocateDirect(RtpHeader.LENGTH + SpeechClip.FRAME_BYTES);
    private final long lateThresholdNanos;
    private long dueNanos;
    private long datagrams;
    private long lateSends;

    PacketWire(DatagramChannel channel, long lateThresholdNanos) {
        this.channel = channel;
        this.lateThresholdNanos = lateThresholdNanos;
    }

    /** The time the packets sent next were due, for counting late sends. */
    void dueAt(long nanos) {
        dueNanos = nanos;
    }

    /**
     * Sends one RTP packet carrying frame {@code packetIndex} of {@code clip}.
     *
     * @return whether it left late
     */
    boolean send(InetSocketAddress target, boolean marker, int payloadType, int sequence, long timestamp, long ssrc,
                 SpeechClip clip, int packetIndex) throws IOException {
        RtpHeader.write(packet, marker, payloadType, sequence, timestamp, ssrc);
        clip.putFrame(packetIndex, packet);
        packet.flip();
        channel.send(packet, target);
        datagrams++;
        boolean late = System.nanoTime() - dueNanos > lateThresholdNanos;
        if (late) {
            lateSends++;
        }
        return late;
    }

    long datagrams() {
        return datagrams;
    }

    long lateSends() {
        return lateSends;
    }
}
