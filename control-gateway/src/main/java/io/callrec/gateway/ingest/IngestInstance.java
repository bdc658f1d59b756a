package io.callrec.gateway.ingest;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway knows of one rtp-ingest instance: its base URL and, from its last status, whether it answered
 * and how busy it is. {@code pending} counts allocations made since that status, so a burst of calls between two
 * status reads still spreads out.
 */
final class IngestInstance {
    final URI baseUrl;
    volatile boolean healthy;
    volatile int activeSessions;
    volatile int freePorts;
    volatile int capacity;
    final AtomicInteger pending = new AtomicInteger();

    IngestInstance(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Share of capacity in use, counting allocations not yet in a status: lower is less loaded. */
    double load() {
        return capacity == 0 ? 1.0 : (double) (activeSessions + pending.get()) / capacity;
    }

    boolean hasRoom() {
        return healthy && freePorts - pending.get() > 0;
    }
}
