package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.UsbFileName;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The files of one call that the phone rolled over when a file reached its size limit, imported
 * as one recording. Files are put in order by the time in their names (in the order given when a
 * name has none) and must share a codec and not overlap in time. Their frames come out as one
 * stream: sequence numbers and timestamps continue from file to file (the next file's first frame
 * one increment after the previous file's last), one SSRC, arrival times from one start.
 *
 * <p>Each file is opened twice: once to check all headers before any frame is given, and again
 * when its frames are due, so that at most one file is open at a time. Not thread-safe.
 */
public final class UsbRolloverSet implements Closeable {

    public static final int MAX_FILES = 64;
    /** Names carry whole seconds of the phone's clock: tolerate that much rounding each side. */
    private static final Duration OVERLAP_TOLERANCE = Duration.ofSeconds(2);
    /** The phone starts the next file at once; a longer gap is worth a warning (or a long pause). */
    private static final Duration GAP_WARNING = Duration.ofSeconds(60);

    /**
     * One uploaded file.
     *
     * @param fileName the name it was uploaded with, only read for its time
     * @param length   its length in bytes
     * @param source   opens it from the start, each time called
     */
    public record Part(String fileName, long length, Source source) {
    }

    /** Opens a part's bytes from the start. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private final List<Part> parts;
    private final List<Integer> givenPositions;
    private final List<UsbHeader> headers;
    private final List<String> warnings;
    private final SyntheticArrivalClock clock;

    private int nextPart;
    private InputStream currentStream;
    private UsbRecording current;
    private boolean firstOfPart;
    private boolean anyFrame;
    private long ssrc;
    private int sequenceShift;
    private long timestampShift;
    private int lastSequence;
    private long lastTimestamp;
    private int lastIncrement;

    private UsbRolloverSet(List<Part> parts, List<Integer> givenPositions, List<UsbHeader> headers, long startMicros,
                           List<String> warnings) {
        this.parts = parts;
        this.givenPositions = givenPositions;
        this.headers = headers;
        this.warnings = warnings;
        this.clock = new SyntheticArrivalClock(startMicros, headers.get(0).codec().rtpClockRate());
    }

    /**
     * Orders the files and checks every header; no frame is read yet.
     *
     * @param startMicros arrival time of the first frame, epoch microseconds
     * @throws ImportRejectedException if a file is not a USB recording, or the files are not one call
     */
    public static UsbRolloverSet open(List<Part> parts, long startMicros) throws IOException, ImportRejectedException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no files");
        }
        if (parts.size() > MAX_FILES) {
            throw new ImportRejectedException(parts.size() + " files given; one call is at most " + MAX_FILES);
        }
        List<String> warnings = new ArrayList<>();
        List<LocalDateTime> times = new ArrayList<>(parts.size());
        for (Part part : parts) {
            times.add(UsbFileName.parse(part.fileName()).systemTime().orElse(null));
        }
        List<Integer> order = order(times, warnings);
        List<Part> ordered = new ArrayList<>(order.size());
        List<UsbHeader> headers = new ArrayList<>(order.size());
        for (int position : order) {
            ordered.add(parts.get(position));
            headers.add(readHeader(parts.get(position), position));
        }
        checkSameCodec(order, headers);
        if (!times.contains(null)) {
            checkConsecutive(order, times, headers, warnings);
        }
        return new UsbRolloverSet(ordered, order, headers, startMicros, warnings);
    }

    public Codec codec() {
        return headers.get(0).codec();
    }

    /** Sum of the files' header durations (see {@link UsbHeader#durationMicros()}). */
    public long durationMicros() {
        long total = 0;
        for (UsbHeader header : headers) {
            total += header.durationMicros();
        }
        return total;
    }

    /** What was wrong but did not stop the import; complete once {@link #next()} has returned null. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The next frame of the call, or null after the last file's last frame. */
    public RtpFrame next() throws IOException {
        while (true) {
            if (current == null) {
                if (nextPart == parts.size()) {
                    return null;
                }
                openNextPart();
            }
            RtpFrame frame = current.next();
            if (frame != null) {
                return continued(frame);
            }
            for (String warning : current.warnings()) {
                warnings.add(fileLabel(nextPart - 1) + ": " + warning);
            }
            lastIncrement = current.header().increment();
            close();
        }
    }

    @Override
    public void close() throws IOException {
        current = null;
        if (currentStream != null) {
            InputStream stream = currentStream;
            currentStream = null;
            stream.close();
        }
    }

    private void openNextPart() throws IOException {
        int index = nextPart++;
        Part part = parts.get(index);
        currentStream = part.source().open();
        try {
            current = UsbRecordingParser.parse(currentStream, part.length(), 0);
        } catch (ImportRejectedException e) {
            throw new IOException(fileLabel(index) + " changed while being imported: " + e.getMessage(), e);
        }
        if (!current.header().equals(headers.get(index))) {
            throw new IOException(fileLabel(index) + " changed while being imported");
        }
        firstOfPart = true;
    }

    /** The frame renumbered to continue the previous file's sequence numbers and timestamps. */
    private RtpFrame continued(RtpFrame frame) {
        if (!anyFrame) {
            anyFrame = true;
            ssrc = frame.ssrc();
        } else if (firstOfPart) {
            sequenceShift = (lastSequence + 1 - frame.sequence()) & ByteFields.U16_MASK;
            timestampShift = (lastTimestamp + lastIncrement - frame.timestamp()) & ByteFields.U32_MASK;
        }
        firstOfPart = false;
        lastSequence = (frame.sequence() + sequenceShift) & ByteFields.U16_MASK;
        lastTimestamp = (frame.timestamp() + timestampShift) & ByteFields.U32_MASK;
        return new RtpFrame(lastSequence, lastTimestamp, frame.payloadType(), frame.marker(), ssrc,
                clock.arrivalMicros(lastTimestamp), frame.payload());
    }

    private String fileLabel(int index) {
        return "file " + (givenPositions.get(index) + 1) + " of " + parts.size();
    }

    /** Positions of the parts by the times in their names; as given if any name has none. */
    private static List<Integer> order(List<LocalDateTime> times, List<String> warnings) {
        List<Integer> positions = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            positions.add(i);
        }
        if (!times.contains(null)) {
            positions.sort(Comparator.comparing(times::get));
        } else if (times.size() > 1) {
            warnings.add("not every file name carries its recording time (Record_<time>): "
                    + "the files are joined in the order given");
        }
        return positions;
    }

    private static UsbHeader readHeader(Part part, int position) throws IOException, ImportRejectedException {
        try (InputStream in = part.source().open()) {
            return UsbRecordingParser.parse(in, part.length(), 0).header();
        } catch (ImportRejectedException e) {
            throw new ImportRejectedException("file " + (position + 1) + ": " + e.getMessage());
        }
    }

    private static void checkSameCodec(List<Integer> order, List<UsbHeader> headers) throws ImportRejectedException {
        Codec codec = headers.get(0).codec();
        for (int i = 1; i < headers.size(); i++) {
            if (headers.get(i).codec() != codec) {
                throw new ImportRejectedException("file " + (order.get(i) + 1) + " is " + headers.get(i).codec()
                        + " but file " + (order.get(0) + 1) + " is " + codec + ": the files of one call share a codec");
            }
        }
    }

    /** Each file starts once the previous one has played, by the names' times: not before, nor at the same time. */
    private static void checkConsecutive(List<Integer> order, List<LocalDateTime> times, List<UsbHeader> headers,
                                         List<String> warnings) throws ImportRejectedException {
        for (int i = 1; i < order.size(); i++) {
            LocalDateTime previousStart = times.get(order.get(i - 1));
            LocalDateTime start = times.get(order.get(i));
            LocalDateTime previousEnd = previousStart.plus(Duration.ofNanos(headers.get(i - 1).durationMicros() * 1000));
            String pair = "file " + (order.get(i - 1) + 1) + " (" + previousStart + ") and file "
                    + (order.get(i) + 1) + " (" + start + ")";
            if (start.equals(previousStart) || start.isBefore(previousEnd.minus(OVERLAP_TOLERANCE))) {
                throw new ImportRejectedException(pair + " overlap in time: they are not one call split by size");
            }
            if (start.isAfter(previousEnd.plus(GAP_WARNING))) {
                warnings.add(pair + " are more than " + GAP_WARNING.toSeconds()
                        + " s apart: a long pause, or not one call");
            }
        }
    }
}
