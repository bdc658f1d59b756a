package io.callrec.benchmarks;

import io.callrec.simulator.catalog.VerificationReport;
import io.callrec.simulator.load.LoadSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One step of the system benchmark, shown in three tables: outcome, CPU, heap.
 *
 * @param calls            concurrent calls (one per simulated phone)
 * @param load             what the simulator did
 * @param verification     what the catalog showed, with stop→available latencies
 * @param loss             packets lost end to end
 * @param lostBeforeKafka  of those, packets that never reached {@code callrec.frames} (lost in UDP or rtp-ingest)
 * @param kernel           datagrams the kernel dropped during the step (whole machine)
 * @param storeMillis      the transcoder's mean time to hash, upload and announce one recording
 * @param cpuNanos         CPU time per part over the whole step (calls and waiting for the recordings), without
 *                         the heap probes' GCs
 * @param idleCores        cores per part with no calls, to tell the cost of the calls from the fixed cost
 * @param callMinutes      minutes of audio sent by the successful calls
 * @param heapPerRecording per service: heap after GC with every call running, minus the same before, per call
 * @param windowNanos      how long the step took
 * @param split            how the work split between the rtp-ingest and the transcoder processes
 */
record SystemResult(int calls, LoadSummary load, VerificationReport verification, EndToEndLoss loss,
                    long lostBeforeKafka, KernelUdpCounters kernel, double storeMillis, Map<String, Long> cpuNanos,
                    Map<String, Double> idleCores, double callMinutes, Map<String, Long> heapPerRecording,
                    long windowNanos, InstanceSplit.Figures split) {

    static final String OUTCOME_HEADER = """
            | concurrent calls | calls ok/made | late sends | stops sent over s | available | check problems | \
            packets lost (before/after Kafka) | recordings with loss | kernel drops (rcvbuf/backlog/no socket) | \
            stop→available p50 ms | p95 ms | max ms | stop→storedAt p50 / p95 ms | transcoder store ms/rec | \
            callrec CPU-s per call-minute (all / above idle) | calls per core (all / above idle) |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

    boolean noLoss() {
        return load.allSucceeded() && loss.none() && verification.available() == verification.expected();
    }

    /** CPU-seconds per call-minute of one part: all it used during the step. */
    private double perCallMinute(String part) {
        return cpuNanos.get(part) / 1e9 / callMinutes;
    }

    /** The same without what the part uses when idle: the cost the calls add. */
    private double aboveIdlePerCallMinute(String part) {
        return (cpuNanos.get(part) - idleCores.getOrDefault(part, 0.0) * windowNanos) / 1e9 / callMinutes;
    }

    /** callrec's own CPU-seconds per call-minute: every part but the simulator. */
    private double callrecTotal(boolean aboveIdle) {
        return cpuNanos.keySet().stream().filter(part -> !SystemCpu.SIMULATOR.equals(part))
                .mapToDouble(part -> aboveIdle ? aboveIdlePerCallMinute(part) : perCallMinute(part)).sum();
    }

    String outcomeRow() {
        double all = callrecTotal(false);
        double aboveIdle = callrecTotal(true);
        return String.format(Locale.ROOT,
                "| %d | %d/%d | %,d | %.2f | %d/%d | %d | %,d (%,d/%,d) | %d | %s | %d | %d | %d | %d / %d | %.0f | %.2f / %.2f "
                        + "| %.0f / %.0f |",
                calls, load.succeeded(), load.started(), load.lateSends(), load.stopsSentOverNanos() / 1e9,
                verification.available(),
                verification.expected(), verification.problems().size(), loss.lost(), lostBeforeKafka,
                loss.lost() - lostBeforeKafka, loss.lossy().size(), kernel.cell(),
                verification.latency().p50Millis(), verification.latency().p95Millis(),
                verification.latency().maxMillis(), verification.catalogLatency().p50Millis(),
                verification.catalogLatency().p95Millis(), storeMillis, all, aboveIdle, 60 / all, 60 / aboveIdle);
    }

    static String cpuHeader(List<String> parts) {
        return "| concurrent calls | " + String.join(" | ", parts) + " | callrec total (without the simulator) |\n"
                + "|---:|" + "---:|".repeat(parts.size() + 1);
    }

    /** Per part: all CPU-seconds per call-minute / those above idle. */
    String cpuRow(List<String> parts) {
        return "| " + calls + " | " + parts.stream()
                .map(part -> String.format(Locale.ROOT, "%.3f / %.3f", perCallMinute(part),
                        aboveIdlePerCallMinute(part)))
                .collect(Collectors.joining(" | "))
                + String.format(Locale.ROOT, " | %.3f / %.3f |", callrecTotal(false), callrecTotal(true));
    }

    static String heapHeader(List<String> services) {
        return "| concurrent calls | " + services.stream().map(s -> s + " KB/rec").collect(Collectors.joining(" | "))
                + " |\n|---:|" + "---:|".repeat(services.size());
    }

    String heapRow(List<String> services) {
        return "| " + calls + " | " + services.stream()
                .map(service -> heapPerRecording.containsKey(service)
                        ? String.format(Locale.ROOT, "%.1f", heapPerRecording.get(service) / 1024.0) : "-")
                .collect(Collectors.joining(" | ")) + " |";
    }
}
