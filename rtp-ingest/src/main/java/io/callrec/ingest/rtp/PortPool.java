package io.callrec.ingest.rtp;

import java.security.SecureRandom;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * The UDP ports this instance owns. A new recording gets a free port at random, so that nobody can tell which
 * port the next call (or a neighbour's running one) will have; a recovered recording takes its own port back.
 * Free ports are kept in an array with each port's index beside it: taking any port, at random or by number, and
 * releasing one are O(1).
 */
public final class PortPool {
    private static final int NOT_FREE = -1;

    private final int min;
    private final int[] free;
    /** Per port (from {@code min}), its index in {@link #free}, or {@link #NOT_FREE}. */
    private final int[] indexOf;
    private final RandomGenerator random;
    private int size;

    public PortPool(int min, int max) {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("bad UDP port range " + min + "-" + max);
        }
        this.min = min;
        this.random = new SecureRandom();
        this.free = new int[max - min + 1];
        this.indexOf = new int[free.length];
        for (int i = 0; i < free.length; i++) {
            free[i] = min + i;
            indexOf[i] = i;
        }
        size = free.length;
    }

    public synchronized OptionalInt take() {
        if (size == 0) {
            return OptionalInt.empty();
        }
        int port = free[random.nextInt(size)];
        remove(port);
        return OptionalInt.of(port);
    }

    /** Takes this very port (a recovered recording's); false when it is not free or not in the range. */
    public synchronized boolean take(int port) {
        if (port < min || port - min >= indexOf.length || indexOf[port - min] == NOT_FREE) {
            return false;
        }
        remove(port);
        return true;
    }

    /** Gives a port back (an ended recording's, or one that could not be bound: it is tried again later). */
    public synchronized void release(int port) {
        if (port < min || port - min >= indexOf.length || indexOf[port - min] != NOT_FREE) {
            return;
        }
        free[size] = port;
        indexOf[port - min] = size;
        size++;
    }

    public synchronized int free() {
        return size;
    }

    public int capacity() {
        return free.length;
    }

    /** Swaps the last free port into this one's place. */
    private void remove(int port) {
        int index = indexOf[port - min];
        int last = free[--size];
        free[index] = last;
        indexOf[last - min] = index;
        indexOf[port - min] = NOT_FREE;
    }
}
