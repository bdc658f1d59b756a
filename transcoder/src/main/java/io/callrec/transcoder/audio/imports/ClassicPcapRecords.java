package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.CaptureFormat;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Records of a classic pcap file (libpcap format): a 24-byte file header whose magic gives the byte
 * order and whether timestamps count micro- or nanoseconds, then per packet a 16-byte record header
 * and the captured bytes.
 */
final class ClassicPcapRecords implements CaptureRecords {

    static final int FILE_HEADER_BYTES = 24;
    private static final int RECORD_HEADER_BYTES = 16;
    private static final int SUPPORTED_MAJOR_VERSION = 2;
    /** The link type's upper bits may carry FCS information. */
    private static final int LINK_TYPE_MASK = 0x0FFF_FFFF;
    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final int NANOS_PER_MICRO = 1000;

    private final CaptureInput in;
    private final List<String> warnings;
    private final ByteOrder order;
    private final boolean nanos;
    private final int linkType;
    private final byte[] recordHeader = new byte[RECORD_HEADER_BYTES];
    private long records;

    private ClassicPcapRecords(CaptureInput in, List<String> warnings, ByteOrder order, boolean nanos, int linkType) {
        this.in = in;
        this.warnings = warnings;
        this.order = order;
        this.nanos = nanos;
        this.linkType = linkType;
    }

    /** Reads the file header, whose first four bytes, the magic, are already in {@code header}. */
    static ClassicPcapRecords open(CaptureInput in, byte[] header, List<String> warnings)
            throws IOException, ImportRejectedException {
        int rest = FILE_HEADER_BYTES - CaptureFormat.MAGIC_BYTES;
        if (in.read(header, CaptureFormat.MAGIC_BYTES, rest) < rest) {
            throw new ImportRejectedException("the pcap file ends inside its " + FILE_HEADER_BYTES + "-byte header");
        }
        ByteOrder order = CaptureFormat.isPcapBigEndian(ByteFields.i32(header, 0, ByteOrder.BIG_ENDIAN))
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int magic = ByteFields.i32(header, 0, order);
        int major = ByteFields.u16(header, 4, order);
        if (major != SUPPORTED_MAJOR_VERSION) {
            throw new ImportRejectedException("unsupported pcap version " + major + "." + ByteFields.u16(header, 6, order));
        }
        int linkType = ByteFields.i32(header, 20, order) & LINK_TYPE_MASK;
        return new ClassicPcapRecords(in, warnings, order, magic == CaptureFormat.PCAP_NANOS, linkType);
    }

    @Override
    public boolean next(CapturedPacket packet) throws IOException {
        long recordStart = in.position();
        int headerRead = in.read(recordHeader, 0, RECORD_HEADER_BYTES);
        if (headerRead == 0) {
            return false;
        }
        if (headerRead < RECORD_HEADER_BYTES) {
            warnings.add(PcapReader.truncatedWarning(records, recordStart));
            return false;
        }
        long seconds = ByteFields.u32(recordHeader, 0, order);
        long fraction = ByteFields.u32(recordHeader, 4, order);
        long captured = ByteFields.u32(recordHeader, 8, order);
        if (captured > PcapReader.MAX_PACKET_BYTES) {
            warnings.add(PcapReader.oversizedWarning(records, recordStart, captured)
                    + ": the rest of the capture is unreadable");
            return false;
        }
        int length = (int) captured;
        if (in.read(packet.data, 0, length) < length) {
            warnings.add(PcapReader.truncatedWarning(records, recordStart));
            return false;
        }
        records++;
        long micros = seconds * MICROS_PER_SECOND + (nanos ? fraction / NANOS_PER_MICRO : fraction);
        packet.set(linkType, micros, length);
        return true;
    }
}
