package io.callrec.benchmarks;

import io.callrec.contracts.StreamCounters;
import java.util.Locale;

/**
 * One step of the ingest benchmark, shown in two tables: what arrived, and what it cost.
 *
 * @param streams       concurrent streams, one recording each
 * @param sending       what the sender did
 * @param framesInKafka frames of these recordings on {@code callrec.frames}
 * @param loss          sent against frames in Kafka, per recording
 * @param notEnded      recordings whose end-of-stream batch was not read
 * @param ingestDrops   rtp-ingest's own drop counters from the end-of-stream batches, summed
 * @param cpu           CPU of rtp-ingest, of this JVM (sender and Kafka broker) and of the rest of the machine
 *                      while the streams ran
 * @param probeGcNanos  rtp-ingest CPU spent in the heap probe's full GC, left out of its figures
 * @param heapIdle      rtp-ingest's heap after GC before the sessions were opened
 * @param heapBusy      the same at half time, with every stream running
 * @param kernel        datagrams the kernel dropped meanwhile (whole machine)
 */
record IngestResult(int streams, PacedStreams.Outcome sending, long framesInKafka, StreamLoss loss, int notEnded,
                    StreamCounters ingestDrops, CpuWindow.Usage cpu, long probeGcNanos, long heapIdle, long heapBusy,
                    KernelUdpCounters kernel) {

    static final String LOSS_HEADER = """
            | streams | sent pkt/s | sent | frames in Kafka | lost | recordings with loss | no end-of-stream | \
            ingest drops (invalid/wrong src/dup/buffer) | kernel drops (rcvbuf/backlog/no socket) | late sends | \
            sender thread, cores |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";
    static final String COST_HEADER = """
            | streams | rtp-ingest, cores | rtp-ingest µs/pkt | rtp-ingest millicores/rec | heap idle MB | \
            heap busy MB | heap KB/rec | benchmark JVM (sender + Kafka), cores | rest of machine, cores |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|""";
    static final int LOSS_COLUMNS = 11;
    static final int COST_COLUMNS = 9;

    boolean noLoss() {
        return loss.none() && notEnded == 0 && sending.sendErrors() == 0
                && ingestDrops.invalid() + ingestDrops.wrongSource() + ingestDrops.duplicates()
                + ingestDrops.dropped() == 0;
    }

    private long ingestCpuNanos() {
        return cpu.processNanos() - probeGcNanos;
    }

    String lossRow() {
        return String.format(Locale.ROOT,
                "| %d | %,.0f | %,d | %,d | %,d | %d | %d | %d/%d/%d/%d | %s | %,d | %.2f |",
                streams, sending.packetsPerSecond(), sending.totalSent(), framesInKafka, loss.lost(),
                loss.streamsWithLoss(), notEnded, ingestDrops.invalid(), ingestDrops.wrongSource(),
                ingestDrops.duplicates(), ingestDrops.dropped(), kernel.cell(),
                sending.lateSends(), sending.pacingCores());
    }

    String costRow() {
        double cores = cpu.cores(ingestCpuNanos());
        return String.format(Locale.ROOT, "| %d | %.2f | %.1f | %.2f | %.0f | %.0f | %.1f | %.2f | %.2f |",
                streams, cores, ingestCpuNanos() / 1e3 / Math.max(1, framesInKafka), 1000 * cores / streams,
                heapIdle / 1048576.0, heapBusy / 1048576.0, (heapBusy - heapIdle) / 1024.0 / streams,
                cpu.cores(cpu.selfNanos()), cpu.cores(cpu.restNanos()));
    }
}
