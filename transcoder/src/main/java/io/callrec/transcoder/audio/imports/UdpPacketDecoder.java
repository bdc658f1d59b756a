package io.callrec.transcoder.audio.imports;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the UDP datagram in a captured packet: link layer (Ethernet with 802.1Q/802.1ad tags,
 * Linux cooked v1 and v2, raw IP, BSD loopback), then IPv4 or IPv6, then UDP. Anything else gives
 * null. Fragmented datagrams are skipped, not reassembled (RTP fits one packet). Counts what it
 * skips for a warning at the end. Not thread-safe.
 */
final class UdpPacketDecoder {

    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int ETHERNET_HEADER_BYTES = 14;
    private static final int ETHERTYPE_OFFSET = 12;
    private static final int VLAN_TAG_BYTES = 4;
    private static final int MAX_VLAN_TAGS = 4;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int SLL_HEADER_BYTES = 16;
    private static final int SLL_PROTOCOL_OFFSET = 14;
    private static final int SLL2_HEADER_BYTES = 20;
    private static final int SLL2_PROTOCOL_OFFSET = 0;
    /** BSD loopback: the address family in the capturing host's byte order. */
    private static final int NULL_HEADER_BYTES = 4;
    private static final int AF_INET = 2;
    private static final Set<Integer> AF_INET6 = Set.of(10, 24, 28, 30);    // Linux, BSDs, FreeBSD, macOS

    private static final int IP_VERSION_SHIFT = 4;
    private static final int IPV4_MIN_HEADER_BYTES = 20;
    private static final int IPV4_HEADER_LENGTH_MASK = 0x0F;
    private static final int IPV4_MORE_FRAGMENTS = 0x2000;
    private static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1FFF;
    private static final int IPV4_ADDRESS_BYTES = 4;
    private static final int IPV6_HEADER_BYTES = 40;
    private static final int IPV6_ADDRESS_BYTES = 16;
    private static final int IPV6_HOP_BY_HOP = 0;
    private static final int IPV6_ROUTING = 43;
    private static final int IPV6_FRAGMENT = 44;
    private static final int IPV6_AUTHENTICATION = 51;
    private static final int IPV6_DESTINATION_OPTIONS = 60;
    private static final int IPV6_FRAGMENT_HEADER_BYTES = 8;
    private static final int IPV6_FRAGMENT_OFFSET_MASK = 0xFFF8;
    private static final int IPV6_MORE_FRAGMENTS = 0x0001;
    private static final int MAX_EXTENSION_HEADERS = 8;
    private static final int PROTOCOL_UDP = 17;
    private static final int UDP_HEADER_BYTES = 8;
    private static final int MAX_REPORTED_LINK_TYPES = 8;

    private long fragmentsSkipped;
    private long cutShort;
    private final Set<Integer> unsupportedLinkTypes = new TreeSet<>();

    /** The UDP datagram in the packet, or null if there is none or it is incomplete. */
    UdpDatagram decode(CapturedPacket packet) {
        byte[] data = packet.data;
        int length = packet.length;
        return switch (packet.linkType) {
            case LINKTYPE_ETHERNET -> ethernet(data, length, packet.captureMicros);
            case LINKTYPE_LINUX_SLL -> length < SLL_HEADER_BYTES ? null
                    : byEthertype(ByteFields.u16(data, SLL_PROTOCOL_OFFSET), data, SLL_HEADER_BYTES, length, packet.captureMicros);
            case LINKTYPE_LINUX_SLL2 -> length < SLL2_HEADER_BYTES ? null
                    : byEthertype(ByteFields.u16(data, SLL2_PROTOCOL_OFFSET), data, SLL2_HEADER_BYTES, length, packet.captureMicros);
            case LINKTYPE_RAW -> rawIp(data, 0, length, packet.captureMicros);
            case LINKTYPE_IPV4 -> ipv4(data, 0, length, packet.captureMicros);
            case LINKTYPE_IPV6 -> ipv6(data, 0, length, packet.captureMicros);
            case LINKTYPE_NULL -> bsdLoopback(data, length, packet.captureMicros);
            default -> {
                if (unsupportedLinkTypes.size() < MAX_REPORTED_LINK_TYPES) {
                    unsupportedLinkTypes.add(packet.linkType);
                }
                yield null;
            }
        };
    }

    /** Adds a warning for each kind of UDP packet skipped, if any was. */
    void addWarnings(List<String> warnings) {
        if (fragmentsSkipped > 0) {
            warnings.add(fragmentsSkipped + " fragmented IP packets were skipped (fragments are not reassembled)");
        }
        if (cutShort > 0) {
            warnings.add(cutShort + " UDP packets were cut short by the capture's snapshot length and skipped");
        }
        if (!unsupportedLinkTypes.isEmpty()) {
            warnings.add("packets of unsupported link types " + unsupportedLinkTypes + " were skipped");
        }
    }

    private UdpDatagram ethernet(byte[] data, int length, long micros) {
        if (length < ETHERNET_HEADER_BYTES) {
            return null;
        }
        int offset = ETHERTYPE_OFFSET;
        int ethertype = ByteFields.u16(data, offset);
        for (int tags = 0; isVlanTag(ethertype) && tags < MAX_VLAN_TAGS; tags++) {
            offset += VLAN_TAG_BYTES;
            if (offset + 2 > length) {
                return null;
            }
            ethertype = ByteFields.u16(data, offset);
        }
        return byEthertype(ethertype, data, offset + 2, length, micros);
    }

    private static boolean isVlanTag(int ethertype) {
        return ethertype == ETHERTYPE_VLAN || ethertype == ETHERTYPE_QINQ || ethertype == ETHERTYPE_QINQ_OLD;
    }

    private UdpDatagram byEthertype(int ethertype, byte[] data, int offset, int length, long micros) {
        return switch (ethertype) {
            case ETHERTYPE_IPV4 -> ipv4(data, offset, length, micros);
            case ETHERTYPE_IPV6 -> ipv6(data, offset, length, micros);
            default -> null;
        };
    }

    private UdpDatagram bsdLoopback(byte[] data, int length, long micros) {
        if (length < NULL_HEADER_BYTES) {
            return null;
        }
        int family = ByteFields.i32(data, 0, ByteOrder.LITTLE_ENDIAN);
        if (family > ByteFields.U16_MASK || family < 0) {
            family = Integer.reverseBytes(family);      // written by a big-endian host
        }
        if (family == AF_INET) {
            return ipv4(data, NULL_HEADER_BYTES, length, micros);
        }
        return AF_INET6.contains(family) ? ipv6(data, NULL_HEADER_BYTES, length, micros) : null;
    }

    private UdpDatagram rawIp(byte[] data, int offset, int length, long micros) {
        if (offset >= length) {
            return null;
        }
        return switch (ByteFields.u8(data, offset) >>> IP_VERSION_SHIFT) {
            case 4 -> ipv4(data, offset, length, micros);
            case 6 -> ipv6(data, offset, length, micros);
            default -> null;
        };
    }

    private UdpDatagram ipv4(byte[] data, int offset, int length, long micros) {
        if (offset + IPV4_MIN_HEADER_BYTES > length || ByteFields.u8(data, offset) >>> IP_VERSION_SHIFT != 4) {
            return null;
        }
        int headerLength = (ByteFields.u8(data, offset) & IPV4_HEADER_LENGTH_MASK) * 4;
        int totalLength = ByteFields.u16(data, offset + 2);
        if (headerLength < IPV4_MIN_HEADER_BYTES || totalLength < headerLength
                || ByteFields.u8(data, offset + 9) != PROTOCOL_UDP) {
            return null;
        }
        int fragment = ByteFields.u16(data, offset + 6);
        if ((fragment & (IPV4_MORE_FRAGMENTS | IPV4_FRAGMENT_OFFSET_MASK)) != 0) {
            fragmentsSkipped++;
            return null;
        }
        if (offset + totalLength > length) {
            cutShort++;
            return null;
        }
        InetAddress source = address(data, offset + 12, IPV4_ADDRESS_BYTES);
        InetAddress destination = address(data, offset + 16, IPV4_ADDRESS_BYTES);
        // the total length, not the captured length, ends the packet: Ethernet pads short frames
        return udp(data, offset + headerLength, offset + totalLength, source, destination, micros);
    }

    private UdpDatagram ipv6(byte[] data, int offset, int length, long micros) {
        if (offset + IPV6_HEADER_BYTES > length || ByteFields.u8(data, offset) >>> IP_VERSION_SHIFT != 6) {
            return null;
        }
        int payloadLength = ByteFields.u16(data, offset + 4);
        int end = offset + IPV6_HEADER_BYTES + payloadLength;
        if (payloadLength == 0) {
            return null;        // a jumbogram: no UDP of ours
        }
        int nextHeader = ByteFields.u8(data, offset + 6);
        int header = offset + IPV6_HEADER_BYTES;
        int cutAt = Math.min(end, length);
        for (int seen = 0; nextHeader != PROTOCOL_UDP; seen++) {
            if (seen == MAX_EXTENSION_HEADERS || header + 2 > cutAt) {
                return null;
            }
            int headerBytes;
            switch (nextHeader) {
                case IPV6_HOP_BY_HOP, IPV6_ROUTING, IPV6_DESTINATION_OPTIONS ->
                        headerBytes = (ByteFields.u8(data, header + 1) + 1) * 8;
                case IPV6_AUTHENTICATION -> headerBytes = (ByteFields.u8(data, header + 1) + 2) * 4;
                case IPV6_FRAGMENT -> {
                    if (header + IPV6_FRAGMENT_HEADER_BYTES > cutAt) {
                        return null;
                    }
                    int fragment = ByteFields.u16(data, header + 2);
                    if ((fragment & (IPV6_FRAGMENT_OFFSET_MASK | IPV6_MORE_FRAGMENTS)) != 0) {
                        fragmentsSkipped++;
                        return null;
                    }
                    headerBytes = IPV6_FRAGMENT_HEADER_BYTES;    // an atomic fragment: the whole datagram
                }
                default -> {
                    return null;    // another protocol, ESP, or no next header
                }
            }
            nextHeader = ByteFields.u8(data, header);
            header += headerBytes;
        }
        if (end > length) {
            cutShort++;
            return null;
        }
        InetAddress source = address(data, offset + 8, IPV6_ADDRESS_BYTES);
        InetAddress destination = address(data, offset + 24, IPV6_ADDRESS_BYTES);
        return udp(data, header, end, source, destination, micros);
    }

    /** The UDP datagram in {@code data[offset, end)}; null if its length field does not fit. */
    private static UdpDatagram udp(byte[] data, int offset, int end, InetAddress source, InetAddress destination,
                                   long micros) {
        if (offset + UDP_HEADER_BYTES > end) {
            return null;
        }
        int udpLength = ByteFields.u16(data, offset + 4);
        if (udpLength < UDP_HEADER_BYTES || offset + udpLength > end) {
            return null;
        }
        return new UdpDatagram(micros,
                new UdpEndpoint(source, ByteFields.u16(data, offset)),
                new UdpEndpoint(destination, ByteFields.u16(data, offset + 2)),
                Arrays.copyOfRange(data, offset + UDP_HEADER_BYTES, offset + udpLength));
    }

    /** An address from its bytes: no name lookup happens. */
    private static InetAddress address(byte[] data, int offset, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(data, offset, offset + length));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
