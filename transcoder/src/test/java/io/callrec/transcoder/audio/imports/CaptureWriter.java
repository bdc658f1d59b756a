package io.callrec.transcoder.audio.imports;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Writes captures byte by byte (pcap and pcapng, link layers, IPv4/IPv6/UDP), following the
 * specifications, for the variants the recorded fixtures do not cover.
 */
final class CaptureWriter {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int PROTOCOL_UDP = 17;

    private CaptureWriter() {
    }

    /** A packet record: capture time in microseconds and the bytes from the link layer on. */
    record Frame(long micros, byte[] data) {
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);      // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static UdpDatagram datagram(long micros, String source, int sourcePort, String destination, int destinationPort,
                                byte[] payload) {
        return new UdpDatagram(micros, new UdpEndpoint(address(source), sourcePort),
                new UdpEndpoint(address(destination), destinationPort), payload);
    }

    static byte[] udp(UdpDatagram datagram) {
        return ByteBuffer.allocate(8 + datagram.payload().length)
                .putShort((short) datagram.source().port()).putShort((short) datagram.destination().port())
                .putShort((short) (8 + datagram.payload().length)).putShort((short) 0)
                .put(datagram.payload()).array();
    }

    /** The datagram in IPv4 or IPv6, by its addresses. */
    static byte[] ip(UdpDatagram datagram) {
        return datagram.source().address() instanceof Inet4Address ? ipv4(datagram, 0) : ipv6(datagram);
    }

    /** IPv4 with the given flags and fragment offset field (0x2000 = more fragments). */
    static byte[] ipv4(UdpDatagram datagram, int fragmentField) {
        byte[] udp = udp(datagram);
        return ByteBuffer.allocate(20 + udp.length)
                .put((byte) 0x45).put((byte) 0).putShort((short) (20 + udp.length))
                .putShort((short) 0x1234).putShort((short) fragmentField)
                .put((byte) 64).put((byte) PROTOCOL_UDP).putShort((short) 0)
                .put(datagram.source().address().getAddress()).put(datagram.destination().address().getAddress())
                .put(udp).array();
    }

    static byte[] ipv6(UdpDatagram datagram) {
        return ipv6(datagram, PROTOCOL_UDP, new byte[0]);
    }

    /** IPv6 whose first next-header is {@code firstHeader}, then the given extension headers, then UDP. */
    static byte[] ipv6(UdpDatagram datagram, int firstHeader, byte[] extensionHeaders) {
        byte[] udp = udp(datagram);
        int payloadLength = extensionHeaders.length + udp.length;
        return ByteBuffer.allocate(40 + payloadLength)
                .putInt(0x6000_0000).putShort((short) payloadLength).put((byte) firstHeader).put((byte) 64)
                .put(v6(datagram.source().address())).put(v6(datagram.destination().address()))
                .put(extensionHeaders).put(udp).array();
    }

    private static byte[] v6(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            return bytes;
        }
        byte[] mapped = new byte[16];           // ::ffff:a.b.c.d
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
    }

    static int ethertype(byte[] ipPacket) {
        return (ipPacket[0] & 0xF0) == 0x40 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
    }

    /** Ethernet II, with the given 802.1Q/802.1ad tag types (each followed by a tag) before the ethertype. */
    static byte[] ethernet(byte[] ipPacket, int... tagTypes) {
        ByteBuffer frame = ByteBuffer.allocate(14 + 4 * tagTypes.length + ipPacket.length);
        frame.put(new byte[]{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        for (int tagType : tagTypes) {
            frame.putShort((short) tagType).putShort((short) 100);
        }
        return frame.putShort((short) ethertype(ipPacket)).put(ipPacket).array();
    }

    static byte[] linuxCooked(byte[] ipPacket) {
        return ByteBuffer.allocate(16 + ipPacket.length)
                .putShort((short) 0).putShort((short) 772).putShort((short) 6).put(new byte[8])
                .putShort((short) ethertype(ipPacket)).put(ipPacket).array();
    }

    static byte[] linuxCookedV2(byte[] ipPacket) {
        return ByteBuffer.allocate(20 + ipPacket.length)
                .putShort((short) ethertype(ipPacket)).putShort((short) 0).putInt(1)
                .putShort((short) 772).put((byte) 0).put((byte) 6).put(new byte[8])
                .put(ipPacket).array();
    }

    /** BSD loopback: the address family as a 32-bit value in the capturing host's byte order. */
    static byte[] bsdLoopback(byte[] ipPacket, int family, ByteOrder hostOrder) {
        return ByteBuffer.allocate(4 + ipPacket.length).order(hostOrder).putInt(family).put(ipPacket).array();
    }

    static byte[] classicPcap(ByteOrder order, boolean nanos, int linkType, List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(24).order(order)
                .putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(262_144).putInt(linkType).array());
        for (Frame frame : frames) {
            long fraction = nanos ? frame.micros() % 1_000_000 * 1000 : frame.micros() % 1_000_000;
            out.writeBytes(ByteBuffer.allocate(16).order(order)
                    .putInt((int) (frame.micros() / 1_000_000)).putInt((int) fraction)
                    .putInt(frame.data().length).putInt(frame.data().length).array());
            out.writeBytes(frame.data());
        }
        return out.toByteArray();
    }

    /** A pcapng file, block by block. */
    static final class Pcapng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order;

        Pcapng(ByteOrder order) {
            section(order);
        }

        Pcapng section(ByteOrder sectionOrder) {
            order = sectionOrder;
            return block(0x0A0D0D0A, buffer(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                    .putLong(-1).array());
        }

        /** An interface; {@code resolution} is the if_tsresol byte or -1 for the default (microseconds). */
        Pcapng interfaceBlock(int linkType, int resolution, long offsetSeconds) {
            ByteBuffer body = buffer(8 + 8 + 12 + 4).putShort((short) linkType).putShort((short) 0).putInt(0);
            if (resolution >= 0) {
                body.putShort((short) 9).putShort((short) 1).put((byte) resolution).put(new byte[3]);
            }
            if (offsetSeconds != 0) {
                body.putShort((short) 14).putShort((short) 8).putLong(offsetSeconds);
            }
            body.putInt(0);      // opt_endofopt
            return block(1, Arrays.copyOf(body.array(), body.position()));
        }

        Pcapng enhanced(int interfaceId, long timestamp, byte[] data) {
            ByteBuffer body = buffer(20 + padded(data.length) + 12)
                    .putInt(interfaceId).putInt((int) (timestamp >>> 32)).putInt((int) timestamp)
                    .putInt(data.length).putInt(data.length).put(data).put(new byte[padded(data.length) - data.length])
                    .putShort((short) 1).putShort((short) 4).putInt(0x636F6D6D)   // opt_comment "comm"
                    .putInt(0);
            return block(6, body.array());
        }

        Pcapng obsolete(int interfaceId, long timestamp, byte[] data) {
            ByteBuffer body = buffer(20 + padded(data.length))
                    .putShort((short) interfaceId).putShort((short) 0).putInt((int) (timestamp >>> 32))
                    .putInt((int) timestamp).putInt(data.length).putInt(data.length)
                    .put(data).put(new byte[padded(data.length) - data.length]);
            return block(2, body.array());
        }

        Pcapng simple(byte[] data) {
            return block(3, buffer(4 + padded(data.length)).putInt(data.length).put(data)
                    .put(new byte[padded(data.length) - data.length]).array());
        }

        /** A block of another type (name resolution, statistics, custom...), to be skipped. */
        Pcapng other(int type, int bodyLength) {
            return block(type, new byte[bodyLength]);
        }

        Pcapng block(int type, byte[] body) {
            int total = 12 + body.length;
            out.writeBytes(buffer(8).putInt(type).putInt(total).array());
            out.writeBytes(body);
            out.writeBytes(buffer(4).putInt(total).array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private ByteBuffer buffer(int size) {
            return ByteBuffer.allocate(size).order(order);
        }

        private static int padded(int length) {
            return (length + 3) & ~3;
        }
    }
}
