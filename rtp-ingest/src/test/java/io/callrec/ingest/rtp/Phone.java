package io.callrec.ingest.rtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A phone on 127.0.0.1 (its own UDP socket) that sends RTP of one SSRC, each packet's payload told by its sequence. */
public final class Phone implements AutoCloseable {
    public static final long SSRC = 0xCAFEBABEL;
    public static final int PCMA = 8;

    private final DatagramSocket socket;

    public Phone(String address) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
    }

    /** Sends PCMA packets {@code from} (inclusive) to {@code to} (exclusive) as fast as it can. */
    public void sendPcma(int port, int from, int to) throws IOException {
        for (int seq = from; seq < to; seq++) {
            send(port, rtp(seq & 0xFFFF, seq * 160L, PCMA, payload(seq)));
        }
    }

    public void send(int port, byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1", port)));
    }

    public static byte[] payload(int seq) {
        byte[] payload = new byte[160];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (seq * 7 + i);
        }
        return payload;
    }

    public static byte[] rtp(int seq, long timestamp, int payloadType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) payloadType).putShort((short) seq).putInt((int) timestamp).putInt((int) SSRC);
        b.put(payload);
        return b.array();
    }

    @Override
    public void close() {
        socket.close();
    }
}
