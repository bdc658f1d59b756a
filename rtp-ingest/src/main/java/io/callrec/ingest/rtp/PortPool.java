package io.callrec.ingest.rtp;

import java.util.ArrayDeque;
import java.util.OptionalInt;

/**
 * The UDP ports this instance owns. A released port goes to the back of the queue, so it is reused as late as
 * possible (stray packets of an ended call then find no socket rather than another call's).
 */
public final class PortPool {
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final int capacity;

    public PortPool(int min, int max) {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("bad UDP port range " + min + "-" + max);
        }
        for (int port = min; port <= max; port++) {
            free.addLast(port);
        }
        capacity = max - min + 1;
    }

    public synchronized OptionalInt take() {
        Integer port = free.pollFirst();
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** Takes this very port (a recovered recording's); false when it is not free or not in the range. */
    public synchronized boolean take(int port) {
        return free.remove(port);
    }

    /** A port that could not be bound (taken by another program) is skipped now and retried later. */
    public synchronized void release(int port) {
        free.addLast(port);
    }

    public synchronized int free() {
        return free.size();
    }

    public int capacity() {
        return capacity;
    }
}
