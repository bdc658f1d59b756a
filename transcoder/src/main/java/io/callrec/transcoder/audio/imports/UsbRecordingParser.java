package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpPacket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the header of a phone USB recording ("Local Recording File Format"), checks it against the
 * file's length and works out what the units hold; the frames then stream from the returned
 * {@link UsbRecording}. Memory: the header and the first few units, at most 4 × 64 KiB.
 */
public final class UsbRecordingParser {

    static final int MAX_UNIT_LENGTH = 65_535;
    /** Timestamp units per unit; a 64 KiB unit of G.711 or G.722 holds at most 65535. */
    static final int MAX_INCREMENT = 65_535;
    /** Units inspected to tell whole RTP packets from bare payload. */
    static final int PROBE_UNITS = 4;
    /** RFC 3550 A.1: a larger forward step of the sequence number is not one stream (a pause can skip many). */
    private static final int MAX_SEQUENCE_STEP = 3000;
    private static final int FIRST_PRINTABLE = 0x20;
    private static final int LAST_PRINTABLE = 0x7E;
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};

    private UsbRecordingParser() {
    }

    /**
     * Reads the header and the first units from {@code in}, positioned at the start of the file.
     *
     * @param length      the file's length in bytes, as stored
     * @param startMicros arrival time given to the first frame (epoch microseconds); later frames are
     *                    placed after it by their RTP time, so the same file always gives the same timeline
     * @throws ImportRejectedException if the file is not a USB recording, its header is absurd or
     *                                 contradicts its length, or its codec is unknown
     */
    public static UsbRecording parse(InputStream in, long length, long startMicros)
            throws IOException, ImportRejectedException {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        if (length < UsbHeader.BYTES) {
            throw new ImportRejectedException("the file is " + length + " bytes, shorter than the "
                    + UsbHeader.BYTES + "-byte header of a phone USB recording");
        }
        byte[] headerBytes = in.readNBytes(UsbHeader.BYTES);
        if (headerBytes.length < UsbHeader.BYTES) {
            throw new ImportRejectedException("the file ended after " + headerBytes.length
                    + " bytes, inside the " + UsbHeader.BYTES + "-byte header");
        }
        UsbHeader header = readHeader(headerBytes);
        List<String> warnings = new ArrayList<>();
        long unitsPresent = unitsPresent(header, length - UsbHeader.BYTES, warnings);

        int unitLength = header.unitLength();
        int probeUnits = (int) Math.min(PROBE_UNITS, unitsPresent);
        byte[] probe = in.readNBytes(probeUnits * unitLength);
        int probeUnitsRead = probe.length / unitLength;
        if (probeUnitsRead == 0) {
            throw new ImportRejectedException("the file ended after " + (UsbHeader.BYTES + probe.length)
                    + " bytes, before its first whole " + unitLength + "-byte unit");
        }
        if (probeUnitsRead < probeUnits) {
            warnings.add(UsbRecording.endedEarlyWarning(UsbHeader.BYTES + probe.length, length));
            unitsPresent = probeUnitsRead;
        }
        UsbUnitKind kind = unitKind(header, probe, probeUnitsRead);
        requireIncrementWithinUnit(header, kind);
        return new UsbRecording(header, kind, in, unitsPresent, probe, probeUnitsRead, warnings, startMicros);
    }

    private static UsbHeader readHeader(byte[] bytes) throws ImportRejectedException {
        Codec codec = codec(bytes);
        ByteOrder order = byteOrder(bytes);
        int unitLength = ByteFields.i32(bytes, UsbHeader.UNIT_LENGTH_OFFSET, order);
        int increment = ByteFields.i32(bytes, UsbHeader.INCREMENT_OFFSET, order);
        long dataSize = ByteFields.u32(bytes, UsbHeader.DATA_SIZE_OFFSET, order);
        if (dataSize == 0) {
            throw new ImportRejectedException("the header declares no audio data (dataSize 0)");
        }
        if (dataSize % unitLength != 0) {
            throw new ImportRejectedException("the header's dataSize " + dataSize
                    + " is not a whole number of " + unitLength + "-byte units");
        }
        return new UsbHeader(codec, order, unitLength, increment, dataSize);
    }

    /** The NUL-padded name in the first 64 bytes, which must be printable ASCII and name a known codec. */
    private static Codec codec(byte[] bytes) throws ImportRejectedException {
        if (Arrays.equals(bytes, 0, RIFF.length, RIFF, 0, RIFF.length)) {
            throw new ImportRejectedException(
                    "this is a RIFF WAV file, not a phone USB recording (whose .wav files have no RIFF header)");
        }
        int end = 0;
        while (end < UsbHeader.CODEC_NAME_BYTES && bytes[end] != 0) {
            int value = ByteFields.u8(bytes, end);
            if (value < FIRST_PRINTABLE || value > LAST_PRINTABLE) {
                throw new ImportRejectedException(String.format(
                        "not a phone USB recording: the codec name field holds byte 0x%02X at offset %d", value, end));
            }
            end++;
        }
        if (end == 0) {
            throw new ImportRejectedException("not a phone USB recording: the codec name field is empty");
        }
        String name = new String(bytes, 0, end, StandardCharsets.US_ASCII);
        Optional<Codec> codec = CodecAliases.byName(name);
        if (codec.isEmpty()) {
            throw new ImportRejectedException("unknown codec \"" + name + "\": expected PCMA, PCMU or G722");
        }
        return codec.get();
    }

    /**
     * The byte order in which both {@code rtpLen} and {@code increment} are between 1 and 65535.
     * Such a value has its two high bytes zero, so read in the other order it is 0 or at least
     * 65536: at most one order fits. When none does, the reason names the little-endian values,
     * as the phones write.
     */
    private static ByteOrder byteOrder(byte[] bytes) throws ImportRejectedException {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            if (inRange(ByteFields.i32(bytes, UsbHeader.UNIT_LENGTH_OFFSET, order), MAX_UNIT_LENGTH)
                    && inRange(ByteFields.i32(bytes, UsbHeader.INCREMENT_OFFSET, order), MAX_INCREMENT)) {
                return order;
            }
        }
        int unitLength = ByteFields.i32(bytes, UsbHeader.UNIT_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        int increment = ByteFields.i32(bytes, UsbHeader.INCREMENT_OFFSET, ByteOrder.LITTLE_ENDIAN);
        String field = inRange(unitLength, MAX_UNIT_LENGTH)
                ? "timestamp increment reads " + increment + ": not between 1 and " + MAX_INCREMENT
                : "unit length (rtpLen) reads " + unitLength + ": not between 1 and " + MAX_UNIT_LENGTH;
        throw new ImportRejectedException("the header's " + field + ", in either byte order");
    }

    /**
     * A unit cannot last longer than the audio it carries: each of the codecs has one RTP clock tick per byte
     * (G.711: one 8 kHz sample; G.722: two 4-bit 16 kHz samples on its 8 kHz RTP clock). A larger increment
     * would pad every unit with silence: a 2 KB file with {@code rtpLen=1, increment=65535} would become hours.
     */
    private static void requireIncrementWithinUnit(UsbHeader header, UsbUnitKind kind) throws ImportRejectedException {
        int payloadBytes = kind == UsbUnitKind.RTP_PACKET
                ? header.unitLength() - RtpPacket.FIXED_HEADER_LENGTH : header.unitLength();
        if (header.increment() > payloadBytes) {
            throw new ImportRejectedException("the header's timestamp increment " + header.increment()
                    + " contradicts its unit length (rtpLen) " + header.unitLength() + ": a unit of "
                    + header.codec() + " carries at most " + payloadBytes + " timestamp units of audio");
        }
    }

    private static boolean inRange(int value, int max) {
        return value >= 1 && value <= max;
    }

    /**
     * Whole units to read. A header declaring more data than present is a truncated file (the phone
     * lost power, the stick was pulled): what is there is imported with a warning. Declaring less
     * than present means the header is not this file's: rejected.
     */
    private static long unitsPresent(UsbHeader header, long bytesPresent, List<String> warnings)
            throws ImportRejectedException {
        long dataSize = header.dataSize();
        if (dataSize < bytesPresent) {
            throw new ImportRejectedException("the header declares " + dataSize + " bytes of audio data but "
                    + bytesPresent + " follow it");
        }
        long units = bytesPresent / header.unitLength();
        if (units == 0) {
            throw new ImportRejectedException("the file is truncated before its first whole "
                    + header.unitLength() + "-byte unit");
        }
        if (dataSize > bytesPresent) {
            warnings.add("the file is truncated: its header declares " + dataSize + " bytes of audio data but "
                    + bytesPresent + " are present; the " + units + " whole units present are imported");
        }
        return units;
    }

    /**
     * Whole RTP packets if every probed unit is a valid RTP v2 packet of one SSRC with the sequence
     * number moving forward, and at least one carries the codec's payload type (comfort noise and
     * telephone events may be among them). Bare payload fails this: A-law and μ-law silence do not
     * even have version 2, and no audio repeats an SSRC with a rising sequence number.
     */
    private static UsbUnitKind unitKind(UsbHeader header, byte[] probe, int units) throws ImportRejectedException {
        int length = header.unitLength();
        int codecType = header.codec().payloadType();
        int otherAudioType = -1;
        boolean codecTypeSeen = false;
        for (int i = 0; i < units; i++) {
            int off = i * length;
            if (!RtpPacket.isMedia(probe, off, length)) {
                return UsbUnitKind.BARE_PAYLOAD;
            }
            if (i > 0) {
                int previous = off - length;
                int step = (RtpPacket.sequence(probe, off, length) - RtpPacket.sequence(probe, previous, length)) & ByteFields.U16_MASK;
                if (RtpPacket.ssrc(probe, off, length) != RtpPacket.ssrc(probe, previous, length) || step < 1 || step > MAX_SEQUENCE_STEP) {
                    return UsbUnitKind.BARE_PAYLOAD;
                }
            }
            int type = RtpPacket.payloadType(probe, off, length);
            if (type == codecType) {
                codecTypeSeen = true;
            } else if (!RtpPacket.isAudioCompanion(type)) {
                otherAudioType = type;
            }
        }
        if (otherAudioType >= 0 && units > 1) {
            throw new ImportRejectedException("the units are RTP packets of payload type " + otherAudioType
                    + " but the header names " + header.codec() + " (payload type " + codecType + ")");
        }
        return otherAudioType < 0 && (codecTypeSeen || units > 1) ? UsbUnitKind.RTP_PACKET : UsbUnitKind.BARE_PAYLOAD;
    }
}
