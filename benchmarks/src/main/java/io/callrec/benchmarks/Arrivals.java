package io.callrec.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Waits after the last packet was sent until the receiver has read everything (or stopped reading), so that
 * ending a recording never cuts off packets still in a socket buffer, as a phone's stop follows its last RTP.
 */
final class Arrivals {
    private static final long POLL_MILLIS = 200;
    /** Count unchanged this long: nothing more is coming. */
    private static final long QUIET_MILLIS = 1000;
    private static final long AT_MOST_MILLIS = 15_000;

    private Arrivals() {
    }

    /** Something that counts what it received. */
    interface Count {
        long get() throws IOException, InterruptedException;
    }

    static void await(Count received, long sent) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AT_MOST_MILLIS);
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = received.get();
            if (now >= sent) {
                return;
            }
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }
}
