package io.callrec.transcoder.audio.timeline;

import io.callrec.contracts.RtpFrame;

import java.util.Arrays;

/**
 * Holds back up to a fixed number of packets of one stream so that reordered arrivals are put
 * in place, and hands them on in extended sequence order. Remembers which recent sequence numbers
 * it handed on, to tell a duplicate from a packet that came too late, and counts the sequence
 * numbers skipped as lost.
 *
 * <p>The held packets sit in a ring sorted by sequence number, lowest at its head: a packet in
 * order (nearly all of them) is appended at the tail, a reordered one is inserted where its number
 * belongs, searching back from the tail, and the lowest is released from the head. No boxing, no
 * allocation per packet.
 */
final class ReorderWindow {

    enum Admission { HELD, DUPLICATE, TOO_LATE }

    /** How many released sequence numbers are remembered for duplicate detection (a power of 2). */
    private static final int RELEASED_MEMORY = 4096;

    private final int capacity;
    /** The ring: one more place than the capacity, for the packet offered before the lowest is released. */
    private final long[] sequences;
    private final RtpFrame[] frames;
    private int head;
    private int size;
    private final long[] released = new long[RELEASED_MEMORY / Long.SIZE];
    private boolean releasedAny;
    private long lastReleased;
    private long lost;

    ReorderWindow(int capacity) {
        this.capacity = capacity;
        this.sequences = new long[capacity + 1];
        this.frames = new RtpFrame[capacity + 1];
    }

    /**
     * Takes a packet with its extended sequence number, unless it is a copy or comes too late. The caller
     * releases the lowest packets while the window is {@link #overCapacity()} before offering the next.
     */
    Admission offer(long sequence, RtpFrame frame) {
        if (releasedAny && sequence <= lastReleased) {
            boolean remembered = lastReleased - sequence < RELEASED_MEMORY;
            return remembered && isReleased(sequence) ? Admission.DUPLICATE : Admission.TOO_LATE;
        }
        if (size > capacity) {
            throw new IllegalStateException("offer to a window over its capacity of " + capacity);
        }
        int place = size;
        while (place > 0 && sequences[slot(place - 1)] > sequence) {
            place--;
        }
        if (place > 0 && sequences[slot(place - 1)] == sequence) {
            return Admission.DUPLICATE;
        }
        for (int i = size; i > place; i--) {
            int to = slot(i);
            int from = slot(i - 1);
            sequences[to] = sequences[from];
            frames[to] = frames[from];
        }
        sequences[slot(place)] = sequence;
        frames[slot(place)] = frame;
        size++;
        return Admission.HELD;
    }

    boolean overCapacity() {
        return size > capacity;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Hands on the lowest held packet; sequence numbers skipped to reach it are lost. */
    RtpFrame releaseLowest() {
        if (size == 0) {
            throw new IllegalStateException("nothing held");
        }
        long sequence = sequences[head];
        RtpFrame frame = frames[head];
        frames[head] = null;
        head = slot(1);
        size--;
        if (releasedAny) {
            lost += sequence - lastReleased - 1;
            for (long skipped = Math.max(lastReleased + 1, sequence - RELEASED_MEMORY); skipped < sequence; skipped++) {
                setReleased(skipped, false);
            }
        }
        setReleased(sequence, true);
        lastReleased = sequence;
        releasedAny = true;
        return frame;
    }

    /** Forgets the sequence numbers of the previous stream; only when everything is released. */
    void restart() {
        if (size != 0) {
            throw new IllegalStateException("restart with " + size + " packets held");
        }
        releasedAny = false;
        Arrays.fill(released, 0L);
    }

    /** Sequence numbers skipped so far, over all streams. */
    long lost() {
        return lost;
    }

    /** Index in the ring of the held packet at {@code position} from the lowest. */
    private int slot(int position) {
        int index = head + position;
        return index < sequences.length ? index : index - sequences.length;
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
