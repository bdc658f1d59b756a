package io.callrec.benchmarks;

import java.util.Locale;

/**
 * One step of the bare-receiver ceiling.
 *
 * @param streams          concurrent streams
 * @param sending          what the sender did
 * @param received         datagrams the bare receiver read
 * @param loss             sent against received, per stream
 * @param receiverCpuNanos CPU time of the receiver's thread while the streams ran
 * @param cpu              CPU of this JVM (sender and receiver) and of the rest of the machine meanwhile
 * @param kernel           datagrams the kernel dropped meanwhile (whole machine)
 */
record CeilingResult(int streams, PacedStreams.Outcome sending, long received, StreamLoss loss,
                     long receiverCpuNanos, CpuWindow.Usage cpu, KernelUdpCounters kernel) {

    static final String HEADER = """
            | streams | sent pkt/s | sent | received | lost | streams with loss | \
            kernel drops (rcvbuf/backlog/no socket) | late sends | sender thread, cores | receiver thread, cores | \
            receiver µs/pkt | rest of machine, cores |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";
    static final int COLUMNS = 12;

    boolean noLoss() {
        return loss.none() && sending.sendErrors() == 0;
    }

    String row() {
        return String.format(Locale.ROOT,
                "| %d | %,.0f | %,d | %,d | %,d | %d | %s | %,d | %.2f | %.2f | %.1f | %.2f |",
                streams, sending.packetsPerSecond(), sending.totalSent(), received, loss.lost(),
                loss.streamsWithLoss(), kernel.cell(), sending.lateSends(),
                sending.pacingCores(), cpu.cores(receiverCpuNanos), receiverCpuNanos / 1e3 / Math.max(1, received),
                cpu.cores(cpu.restNanos()));
    }
}
