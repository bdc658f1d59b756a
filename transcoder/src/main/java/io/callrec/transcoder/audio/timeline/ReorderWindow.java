package io.callrec.transcoder.audio.timeline;

import io.callrec.contracts.RtpFrame;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds back up to a fixed number of packets of one stream so that reordered arrivals are put
 * in place, and hands them on in extended sequence order. Remembers which recent sequence numbers
 * it handed on, to tell a duplicate from a packet that came too late, and counts the sequence
 * numbers skipped as lost.
 */
final class ReorderWindow {

    enum Admission { HELD, DUPLICATE, TOO_LATE }

    /** How many released sequence numbers are remembered for duplicate detection (a power of 2). */
    private static final int RELEASED_MEMORY = 4096;

    private final int capacity;
    private final TreeMap<Long, RtpFrame> held = new TreeMap<>();
    private final long[] released = new long[RELEASED_MEMORY / Long.SIZE];
    private boolean releasedAny;
    private long lastReleased;
    private long lost;

    ReorderWindow(int capacity) {
        this.capacity = capacity;
    }

    /** Takes a packet with its extended sequence number, unless it is a copy or comes too late. */
    Admission offer(long sequence, RtpFrame frame) {
        if (releasedAny && sequence <= lastReleased) {
            boolean remembered = lastReleased - sequence < RELEASED_MEMORY;
            return remembered && isReleased(sequence) ? Admission.DUPLICATE : Admission.TOO_LATE;
        }
        return held.putIfAbsent(sequence, frame) == null ? Admission.HELD : Admission.DUPLICATE;
    }

    boolean overCapacity() {
        return held.size() > capacity;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** Hands on the lowest held packet; sequence numbers skipped to reach it are lost. */
    RtpFrame releaseLowest() {
        Map.Entry<Long, RtpFrame> lowest = held.pollFirstEntry();
        long sequence = lowest.getKey();
        if (releasedAny) {
            lost += sequence - lastReleased - 1;
            for (long skipped = Math.max(lastReleased + 1, sequence - RELEASED_MEMORY); skipped < sequence; skipped++) {
                setReleased(skipped, false);
            }
        }
        setReleased(sequence, true);
        lastReleased = sequence;
        releasedAny = true;
        return lowest.getValue();
    }

    /** Forgets the sequence numbers of the previous stream; only when everything is released. */
    void restart() {
        if (!held.isEmpty()) {
            throw new IllegalStateException("restart with " + held.size() + " packets held");
        }
        releasedAny = false;
        Arrays.fill(released, 0L);
    }

    /** Sequence numbers skipped so far, over all streams. */
    long lost() {
        return lost;
    }

    private boolean isReleased(long sequence) {
        int bit = (int) (sequence & (RELEASED_MEMORY - 1));
        return (released[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    private void setReleased(long sequence, boolean value) {
        int bit = (int) (sequence & (RELEASED_MEMORY - 1));
        if (value) {
            released[bit >>> 6] |= 1L << (bit & 63);
        } else {
            released[bit >>> 6] &= ~(1L << (bit & 63));
        }
    }
}
