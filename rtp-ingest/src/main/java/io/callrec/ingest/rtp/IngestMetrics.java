package io.callrec.ingest.rtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Packet counters for Prometheus: packets received (rate = packets/s) and dropped, by reason. */
@ApplicationScoped
public class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter received;
    private final Counter socketErrors;
    private final Counter recovered;
    private final Counter sourcePortChanges;
    private final Counter drainsCut;
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("callrec.ingest.packets.received")
                .description("Valid RTP packets accepted").register(registry);
        this.socketErrors = Counter.builder("callrec.ingest.socket.errors")
                .description("UDP socket errors").register(registry);
        this.recovered = Counter.builder("callrec.ingest.recordings.recovered")
                .description("Recordings continued after a restart").register(registry);
        this.sourcePortChanges = Counter.builder("callrec.ingest.source.port.changes")
                .description("Streams that moved to a new source port after a silence (a NAT rebinding)")
                .register(registry);
        this.drainsCut = Counter.builder("callrec.ingest.drains.cut")
                .description("Stopped streams closed at drain-max before their drain marker was read (what was "
                        + "still queued for them is lost)").register(registry);
    }

    void sourcePortChanged() {
        sourcePortChanges.increment();
    }

    /** Counted per batch, not per packet: one shared counter updated by every packet costs more than the packet. */
    void received(int packets) {
        received.increment(packets);
    }

    void dropped(String reason) {
        dropped(reason, 1);
    }

    void dropped(String reason, int count) {
        dropped.computeIfAbsent(reason, r -> Counter.builder("callrec.ingest.packets.dropped").tag("reason", r)
                .description("Datagrams not forwarded, by reason").register(registry)).increment(count);
    }

    public void recovered() {
        recovered.increment();
    }

    void drainCut() {
        drainsCut.increment();
    }

    void socketError() {
        socketErrors.increment();
    }
}
