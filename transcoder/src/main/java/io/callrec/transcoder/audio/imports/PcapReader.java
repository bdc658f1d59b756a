package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.CaptureFormat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the UDP datagrams of a packet capture, in capture order: classic pcap (either byte order,
 * micro- or nanosecond timestamps) and pcapng (any number of sections and interfaces, either byte
 * order, per-interface link type and timestamp units). Link types: Ethernet (with VLAN tags), Linux
 * cooked v1 (113) and v2 (276), raw IP (101, 228, 229), BSD loopback (0). Packets that are not UDP
 * over IPv4 or IPv6 are skipped.
 *
 * <p>Memory is bounded: one packet buffer of {@link #MAX_PACKET_BYTES}. A record claiming more is
 * refused; a capture that ends inside a record, or is corrupt from some point, gives what came
 * before with a warning. Does not close the stream. Not thread-safe.
 */
public final class PcapReader {

    public static final int MAX_PACKET_BYTES = 256 * 1024;

    private final CaptureRecords records;
    private final List<String> warnings;
    private final UdpPacketDecoder decoder = new UdpPacketDecoder();
    private final CapturedPacket packet = new CapturedPacket();
    private long packets;
    private boolean finished;

    private PcapReader(CaptureRecords records, List<String> warnings) {
        this.records = records;
        this.warnings = warnings;
    }

    /**
     * Reads the file header.
     *
     * @throws ImportRejectedException if this is not a pcap or pcapng capture
     */
    public static PcapReader open(InputStream in) throws IOException, ImportRejectedException {
        CaptureInput input = new CaptureInput(new BufferedInputStream(in));
        byte[] header = new byte[ClassicPcapRecords.FILE_HEADER_BYTES];
        int read = input.read(header, 0, CaptureFormat.MAGIC_BYTES);
        if (read < CaptureFormat.MAGIC_BYTES) {
            throw new ImportRejectedException("the file is " + read + " bytes long: too short for a capture");
        }
        int magic = ByteFields.i32(header, 0, ByteOrder.BIG_ENDIAN);
        List<String> warnings = new ArrayList<>();
        if (CaptureFormat.isPcap(magic)) {
            return new PcapReader(ClassicPcapRecords.open(input, header, warnings), warnings);
        }
        if (magic == CaptureFormat.PCAPNG_SECTION) {
            return new PcapReader(PcapngRecords.open(input, header, warnings), warnings);
        }
        throw new ImportRejectedException("not a pcap or pcapng capture: it starts with bytes "
                + HexFormat.ofDelimiter(" ").formatHex(header, 0, CaptureFormat.MAGIC_BYTES));
    }

    /** The next UDP datagram, or null at the end of the capture. */
    public UdpDatagram next() throws IOException {
        while (!finished) {
            if (!records.next(packet)) {
                finished = true;
                decoder.addWarnings(warnings);
                return null;
            }
            packets++;
            UdpDatagram datagram = decoder.decode(packet);
            if (datagram != null) {
                return datagram;
            }
        }
        return null;
    }

    /** Packets read so far, UDP or not. */
    public long packets() {
        return packets;
    }

    /** What was wrong but did not stop the reading; complete once {@link #next()} has returned null. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    static String truncatedWarning(long recordsRead, long position) {
        return "the capture is truncated: it ends inside the record at byte " + position
                + ", after " + recordsRead + " whole packets";
    }

    static String oversizedWarning(long recordsRead, long position, long length) {
        return "the record at byte " + position + " (after " + recordsRead + " packets) claims " + length
                + " bytes, more than the " + MAX_PACKET_BYTES + "-byte limit";
    }
}
