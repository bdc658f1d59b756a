package io.callrec.gateway.service.ingest;

import io.callrec.contracts.ingest.IngestStatus;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway knows of one rtp-ingest instance: its base URL and, from its last status, whether it answered,
 * which process answered ({@code instanceId}) and how busy it is. {@code pending} counts allocations made since
 * that status, so a burst of calls between two status reads still spreads out.
 */
final class IngestInstance {
    final URI baseUrl;
    volatile boolean healthy;
    /** Still in the discovery's answer; an instance that left it takes no new recordings. */
    volatile boolean discovered = true;
    volatile int activeSessions;
    volatile int freePorts;
    volatile int capacity;
    volatile String instanceId;
    /** When a status was last read; 0 before the first. */
    volatile long lastStatusNanos;
    /** Its recordings were declared lost for this outage; cleared by the next status. */
    volatile boolean lostAnnounced;
    final AtomicInteger pending = new AtomicInteger();

    IngestInstance(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Takes a status in; returns the instance id it had before (null at the first status). */
    String update(IngestStatus status, long nowNanos) {
        String previous = instanceId;
        activeSessions = status.activeSessions();
        freePorts = status.freePorts();
        capacity = status.capacity();
        instanceId = status.instanceId();
        pending.set(0);
        lastStatusNanos = nowNanos;
        lostAnnounced = false;
        healthy = true;
        return previous;
    }

    /** How long no status has been read; zero before the first (nothing can have been lost there yet). */
    Duration silentFor(long nowNanos) {
        return lastStatusNanos == 0 ? Duration.ZERO : Duration.ofNanos(nowNanos - lastStatusNanos);
    }

    /** Share of capacity in use, counting allocations not yet in a status: lower is less loaded. */
    double load() {
        return capacity == 0 ? 1.0 : (double) (activeSessions + pending.get()) / capacity;
    }

    boolean hasRoom() {
        return healthy && discovered && freePorts - pending.get() > 0;
    }
}
