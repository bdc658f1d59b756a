package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.RtpPacket;

import io.callrec.contracts.RtpFrame;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One phone USB recording whose header has been read: its frames stream from the file one unit at
 * a time. Made by {@link UsbRecordingParser}. Does not close the stream. Not thread-safe.
 *
 * <p>Whole RTP packets keep their header fields. Bare payload gets sequence numbers from 0 and
 * timestamps stepping by the header's increment, payload type of the codec, SSRC 0. Arrival times
 * are the start time plus the RTP time since the first frame.
 */
public final class UsbRecording {

    static final long SYNTHETIC_SSRC = 0;

    private final UsbHeader header;
    private final UsbUnitKind kind;
    private final InputStream in;
    private final long unitsPresent;
    private final byte[] probe;
    private final int probeUnits;
    private final List<String> warnings;
    private final SyntheticArrivalClock clock;
    private final byte[] unit;

    private long unitsRead;
    private long invalidUnits;
    private boolean finished;

    UsbRecording(UsbHeader header, UsbUnitKind kind, InputStream in, long unitsPresent, byte[] probe, int probeUnits,
                 List<String> warnings, long startMicros) {
        this.header = header;
        this.kind = kind;
        this.in = in;
        this.unitsPresent = unitsPresent;
        this.probe = probe;
        this.probeUnits = probeUnits;
        this.warnings = new ArrayList<>(warnings);
        this.clock = new SyntheticArrivalClock(startMicros, header.codec().rtpClockRate());
        this.unit = new byte[header.unitLength()];
    }

    public UsbHeader header() {
        return header;
    }

    public UsbUnitKind unitKind() {
        return kind;
    }

    /** What was wrong but did not stop the import; complete once {@link #next()} has returned null. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The next frame in file order, or null after the last one. Units that are not valid RTP are skipped. */
    public RtpFrame next() throws IOException {
        while (!finished && unitsRead < unitsPresent) {
            if (!readUnit()) {
                break;
            }
            long index = unitsRead++;
            RtpFrame frame = kind == UsbUnitKind.RTP_PACKET ? rtpFrame() : bareFrame(index);
            if (frame != null) {
                return frame;
            }
            invalidUnits++;
        }
        finish();
        return null;
    }

    /** Fills {@link #unit} with the next unit; false if the file ends first. */
    private boolean readUnit() throws IOException {
        int length = unit.length;
        if (unitsRead < probeUnits) {
            System.arraycopy(probe, (int) unitsRead * length, unit, 0, length);
            return true;
        }
        int read = in.readNBytes(unit, 0, length);
        if (read < length) {
            long expected = UsbHeader.BYTES + unitsPresent * length;
            warnings.add(endedEarlyWarning(UsbHeader.BYTES + unitsRead * length + read, expected));
            return false;
        }
        return true;
    }

    private RtpFrame rtpFrame() {
        if (!RtpPacket.isMedia(unit, 0, unit.length)) {
            return null;
        }
        long arrival = clock.arrivalMicros(RtpPacket.timestamp(unit, 0, unit.length));
        return RtpPacket.toFrame(unit, 0, unit.length, arrival);
    }

    private RtpFrame bareFrame(long index) {
        long timestamp = index * header.increment() & ByteFields.U32_MASK;
        return new RtpFrame((int) (index & ByteFields.U16_MASK), timestamp, header.codec().payloadType(), index == 0,
                SYNTHETIC_SSRC, clock.arrivalMicros(timestamp), Arrays.copyOf(unit, unit.length));
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (invalidUnits > 0) {
            warnings.add(invalidUnits + " of " + unitsRead + " units were not valid RTP packets and were skipped");
        }
    }

    static String endedEarlyWarning(long bytesRead, long bytesExpected) {
        return "the file ended after " + bytesRead + " of " + bytesExpected
                + " bytes; the audio after that is missing";
    }
}
