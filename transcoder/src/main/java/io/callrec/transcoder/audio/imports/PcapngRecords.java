package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.CaptureFormat;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records of a pcapng file: blocks of {@code type, total length, body, total length}. A section
 * header block sets the byte order and starts a new list of interfaces; interface description
 * blocks give each interface's link type and timestamp units; packets come in enhanced, simple or
 * (obsolete) packet blocks. Other blocks are skipped unread, so a large one costs no memory.
 */
final class PcapngRecords implements CaptureRecords {

    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int SUPPORTED_MAJOR_VERSION = 1;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;

    private static final int BLOCK_HEADER_BYTES = 8;
    private static final int BLOCK_TRAILER_BYTES = 4;
    private static final int MIN_BLOCK_BYTES = BLOCK_HEADER_BYTES + BLOCK_TRAILER_BYTES;
    private static final int ALIGNMENT_MASK = 3;
    /** Byte-order magic, version, section length. */
    private static final int SECTION_HEADER_FIXED_BYTES = 16;
    /** Interface id, timestamp high and low, captured and original length; the obsolete block's are as long. */
    private static final int PACKET_FIXED_BYTES = 20;
    private static final int SIMPLE_PACKET_FIXED_BYTES = 4;
    private static final int INTERFACE_FIXED_BYTES = 8;
    /** Interface description blocks hold a few short options; a larger one is not read. */
    private static final int MAX_INTERFACE_BLOCK_BYTES = 64 * 1024;
    private static final int MAX_INTERFACES = 1024;

    private static final int OPTION_END = 0;
    private static final int OPTION_TS_RESOLUTION = 9;
    private static final int OPTION_TS_OFFSET = 14;
    private static final int OPTION_HEADER_BYTES = 4;
    private static final int BINARY_RESOLUTION_BIT = 0x80;
    private static final int RESOLUTION_EXPONENT_MASK = 0x7F;

    /** What reading one block gave. */
    private enum Outcome { PACKET, NO_PACKET, STOP }

    private final CaptureInput in;
    private final List<String> warnings;
    private final byte[] scratch = new byte[MAX_INTERFACE_BLOCK_BYTES];
    private final List<CaptureInterface> interfaces = new ArrayList<>();
    /** Warnings that could repeat for every packet are given once per kind. */
    private final Set<String> warnedKinds = new HashSet<>();
    private ByteOrder order;
    private long records;
    /** Simple packet blocks carry no timestamp: they take the last one seen. */
    private long lastCaptureMicros;

    private PcapngRecords(CaptureInput in, List<String> warnings) {
        this.in = in;
        this.warnings = warnings;
    }

    /** Reads the first section header, whose block type is already in {@code start}. */
    static PcapngRecords open(CaptureInput in, byte[] start, List<String> warnings)
            throws IOException, ImportRejectedException {
        PcapngRecords records = new PcapngRecords(in, warnings);
        System.arraycopy(start, 0, records.scratch, 0, CaptureFormat.MAGIC_BYTES);
        int rest = BLOCK_HEADER_BYTES - CaptureFormat.MAGIC_BYTES;
        if (in.read(records.scratch, CaptureFormat.MAGIC_BYTES, rest) < rest) {
            throw new ImportRejectedException("the pcapng file ends inside its first section header");
        }
        String problem = records.readSectionHeader(0);
        if (problem != null) {
            throw new ImportRejectedException(problem);
        }
        return records;
    }

    @Override
    public boolean next(CapturedPacket packet) throws IOException {
        while (true) {
            long blockStart = in.position();
            int headerRead = in.read(scratch, 0, BLOCK_HEADER_BYTES);
            if (headerRead == 0) {
                return false;
            }
            if (headerRead < BLOCK_HEADER_BYTES) {
                return stop(PcapReader.truncatedWarning(records, blockStart));
            }
            int type = ByteFields.i32(scratch, 0, order);
            if (type == CaptureFormat.PCAPNG_SECTION) {
                String problem = readSectionHeader(blockStart);
                if (problem != null) {
                    return stop(problem);
                }
                continue;
            }
            long total = ByteFields.u32(scratch, 4, order);
            if (total < MIN_BLOCK_BYTES || (total & ALIGNMENT_MASK) != 0) {
                return stop("block at byte " + blockStart + " has an impossible length " + total
                        + ": the rest of the capture is unreadable");
            }
            long body = total - MIN_BLOCK_BYTES;
            Outcome outcome = switch (type) {
                case INTERFACE_DESCRIPTION -> readInterface(body, blockStart);
                case ENHANCED_PACKET, OBSOLETE_PACKET -> readPacket(type, body, blockStart, packet);
                case SIMPLE_PACKET -> readSimplePacket(body, blockStart, packet);
                default -> skipBody(body, blockStart);
            };
            if (outcome == Outcome.STOP || !readTrailer(total, blockStart)) {
                return false;
            }
            if (outcome == Outcome.PACKET) {
                records++;
                return true;
            }
        }
    }

    /**
     * The rest of a section header whose first 8 bytes are in {@code scratch}: byte order, version,
     * options skipped. Null if it is fine, else what is wrong.
     */
    private String readSectionHeader(long blockStart) throws IOException {
        if (in.read(scratch, BLOCK_HEADER_BYTES, SECTION_HEADER_FIXED_BYTES) < SECTION_HEADER_FIXED_BYTES) {
            return PcapReader.truncatedWarning(records, blockStart);
        }
        int magic = ByteFields.i32(scratch, BLOCK_HEADER_BYTES, ByteOrder.BIG_ENDIAN);
        if (magic == BYTE_ORDER_MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            return "the pcapng section header at byte " + blockStart + " has no valid byte-order magic";
        }
        int major = ByteFields.u16(scratch, BLOCK_HEADER_BYTES + 4, order);
        if (major != SUPPORTED_MAJOR_VERSION) {
            return "the pcapng section at byte " + blockStart + " has unsupported version " + major;
        }
        long total = ByteFields.u32(scratch, 4, order);
        long fixed = BLOCK_HEADER_BYTES + SECTION_HEADER_FIXED_BYTES + BLOCK_TRAILER_BYTES;
        if (total < fixed || (total & ALIGNMENT_MASK) != 0) {
            return "the pcapng section header at byte " + blockStart + " has an impossible length " + total;
        }
        interfaces.clear();
        if (in.skip(total - fixed) < total - fixed || in.read(scratch, 0, BLOCK_TRAILER_BYTES) < BLOCK_TRAILER_BYTES) {
            return PcapReader.truncatedWarning(records, blockStart);
        }
        if (ByteFields.u32(scratch, 0, order) != total) {
            return "the pcapng section header at byte " + blockStart + " ends with a different length than it starts with";
        }
        return null;
    }

    private Outcome readInterface(long body, long blockStart) throws IOException {
        if (body < INTERFACE_FIXED_BYTES || body > MAX_INTERFACE_BLOCK_BYTES) {
            return stopOutcome("interface description at byte " + blockStart + " has an impossible length");
        }
        int length = (int) body;
        if (in.read(scratch, 0, length) < length) {
            return stopOutcome(PcapReader.truncatedWarning(records, blockStart));
        }
        int linkType = ByteFields.u16(scratch, 0, order);
        long snapLength = ByteFields.u32(scratch, 4, order);
        boolean binary = false;
        int exponent = CaptureInterface.DEFAULT_DECIMAL_EXPONENT;
        long offsetSeconds = 0;
        int option = INTERFACE_FIXED_BYTES;
        while (option + OPTION_HEADER_BYTES <= length) {
            int code = ByteFields.u16(scratch, option, order);
            int valueLength = ByteFields.u16(scratch, option + 2, order);
            int value = option + OPTION_HEADER_BYTES;
            if (code == OPTION_END || value + valueLength > length) {
                break;
            }
            if (code == OPTION_TS_RESOLUTION && valueLength == 1) {
                int resolution = ByteFields.u8(scratch, value);
                binary = (resolution & BINARY_RESOLUTION_BIT) != 0;
                exponent = resolution & RESOLUTION_EXPONENT_MASK;
            } else if (code == OPTION_TS_OFFSET && valueLength == Long.BYTES) {
                offsetSeconds = ByteFields.i64(scratch, value, order);
            }
            option = value + (valueLength + ALIGNMENT_MASK & ~ALIGNMENT_MASK);   // values are padded to 32 bits
        }
        if (interfaces.size() == MAX_INTERFACES) {
            warnOnce("interfaces", "more than " + MAX_INTERFACES + " interfaces in one section: "
                    + "packets of the others are skipped");
            return Outcome.NO_PACKET;
        }
        CaptureInterface captureInterface = new CaptureInterface(linkType, snapLength, binary, exponent, offsetSeconds);
        if (!captureInterface.hasSupportedResolution()) {
            warnOnce("resolution", "an interface counts time in units too small to convert: its packets are skipped");
        }
        interfaces.add(captureInterface);
        return Outcome.NO_PACKET;
    }

    /** An enhanced or obsolete packet block. */
    private Outcome readPacket(int type, long body, long blockStart, CapturedPacket packet) throws IOException {
        if (body < PACKET_FIXED_BYTES) {
            return stopOutcome("packet block at byte " + blockStart + " is too short: the rest of the capture is unreadable");
        }
        if (in.read(scratch, 0, PACKET_FIXED_BYTES) < PACKET_FIXED_BYTES) {
            return stopOutcome(PcapReader.truncatedWarning(records, blockStart));
        }
        long interfaceId = type == ENHANCED_PACKET ? ByteFields.u32(scratch, 0, order) : ByteFields.u16(scratch, 0, order);
        long timestamp = ByteFields.u64HighLow(scratch, 4, order);
        long captured = ByteFields.u32(scratch, 12, order);
        long rest = body - PACKET_FIXED_BYTES;
        if (captured > rest) {
            return stopOutcome("packet block at byte " + blockStart + " claims more bytes than it holds: "
                    + "the rest of the capture is unreadable");
        }
        CaptureInterface captureInterface = usableInterface(interfaceId);
        if (captureInterface == null) {
            return skipBody(rest, blockStart);
        }
        return readPacketData(captured, rest, blockStart, packet, captureInterface, captureInterface.micros(timestamp));
    }

    /** A simple packet block: interface 0, no timestamp, captured length implied by the block length. */
    private Outcome readSimplePacket(long body, long blockStart, CapturedPacket packet) throws IOException {
        if (body < SIMPLE_PACKET_FIXED_BYTES) {
            return stopOutcome("simple packet block at byte " + blockStart + " is too short: "
                    + "the rest of the capture is unreadable");
        }
        if (in.read(scratch, 0, SIMPLE_PACKET_FIXED_BYTES) < SIMPLE_PACKET_FIXED_BYTES) {
            return stopOutcome(PcapReader.truncatedWarning(records, blockStart));
        }
        long rest = body - SIMPLE_PACKET_FIXED_BYTES;
        CaptureInterface captureInterface = usableInterface(0);
        if (captureInterface == null) {
            return skipBody(rest, blockStart);
        }
        long captured = Math.min(ByteFields.u32(scratch, 0, order), rest);
        if (captureInterface.snapLength() > 0) {
            captured = Math.min(captured, captureInterface.snapLength());
        }
        return readPacketData(captured, rest, blockStart, packet, captureInterface, lastCaptureMicros);
    }

    private Outcome readPacketData(long captured, long rest, long blockStart, CapturedPacket packet,
                                   CaptureInterface captureInterface, long captureMicros) throws IOException {
        if (captured > PcapReader.MAX_PACKET_BYTES) {
            warnOnce("oversized", PcapReader.oversizedWarning(records, blockStart, captured) + "; such packets are skipped");
            return skipBody(rest, blockStart);
        }
        int length = (int) captured;
        if (in.read(packet.data, 0, length) < length) {
            return stopOutcome(PcapReader.truncatedWarning(records, blockStart));
        }
        Outcome padding = skipBody(rest - length, blockStart);
        if (padding == Outcome.STOP) {
            return padding;
        }
        lastCaptureMicros = captureMicros;
        packet.set(captureInterface.linkType(), captureMicros, length);
        return Outcome.PACKET;
    }

    /** The interface a packet names, or null (with a warning) if it is undescribed or its time is unreadable. */
    private CaptureInterface usableInterface(long id) {
        if (id >= interfaces.size()) {
            warnOnce("interface", "packets name an interface that is not described: they are skipped");
            return null;
        }
        CaptureInterface captureInterface = interfaces.get((int) id);
        return captureInterface.hasSupportedResolution() ? captureInterface : null;
    }

    private Outcome skipBody(long count, long blockStart) throws IOException {
        return in.skip(count) == count ? Outcome.NO_PACKET : stopOutcome(PcapReader.truncatedWarning(records, blockStart));
    }

    /** The trailing copy of the block length, which must match. */
    private boolean readTrailer(long total, long blockStart) throws IOException {
        if (in.read(scratch, 0, BLOCK_TRAILER_BYTES) < BLOCK_TRAILER_BYTES) {
            return stop(PcapReader.truncatedWarning(records, blockStart));
        }
        if (ByteFields.u32(scratch, 0, order) != total) {
            return stop("block at byte " + blockStart + " ends with a different length than it starts with: "
                    + "the rest of the capture is unreadable");
        }
        return true;
    }

    private void warnOnce(String kind, String warning) {
        if (warnedKinds.add(kind)) {
            warnings.add(warning);
        }
    }

    /** Adds the warning; always false: the capture ends here. */
    private boolean stop(String warning) {
        warnings.add(warning);
        return false;
    }

    private Outcome stopOutcome(String warning) {
        stop(warning);
        return Outcome.STOP;
    }
}
