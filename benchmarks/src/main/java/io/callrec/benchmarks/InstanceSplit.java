package io.callrec.benchmarks;

import io.callrec.launcher.CallrecSystem;
import io.callrec.stack.ServiceProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a step's work split between the rtp-ingest processes (recordings open with every call running, packets
 * received) and the transcoder processes (recordings stored), from each process's own metrics.
 */
final class InstanceSplit {
    private static final String PACKETS = "callrec_ingest_packets_received_total";
    private static final String OPEN = "callrec_ingest_recordings_active";
    private static final String STORED = "callrec_transcoder_recordings_total";

    private final Map<String, MetricsEndpoint> ingests = new LinkedHashMap<>();
    private final Map<String, MetricsEndpoint> transcoders = new LinkedHashMap<>();

    /** One step's figures per process, in the order of {@link #header(Figures)}'s columns. */
    record Figures(Map<String, Long> open, Map<String, Long> packets, Map<String, Long> stored) {
    }

    /** @param instances the service processes along the data path */
    InstanceSplit(CallrecSystem system, List<String> instances) {
        for (String name : instances) {
            ServiceProcess service = system.service(name);
            if (service.module().equals("rtp-ingest")) {
                ingests.put(name, new MetricsEndpoint(service.managementUrl()));
            } else if (service.module().equals("transcoder")) {
                transcoders.put(name, new MetricsEndpoint(service.managementUrl()));
            }
        }
    }

    /** Per rtp-ingest process: its packets received so far. */
    Map<String, Long> packets() throws IOException, InterruptedException {
        return read(ingests, PACKETS, "");
    }

    /** Per rtp-ingest process: its recordings open now. */
    Map<String, Long> open() throws IOException, InterruptedException {
        return read(ingests, OPEN, "");
    }

    /** Per transcoder process: its recordings stored so far. */
    Map<String, Long> stored() throws IOException, InterruptedException {
        return read(transcoders, STORED, "result=\"stored\"");
    }

    /** The sum of {@code metric} over every transcoder process. */
    double transcoderSum(String metric) throws IOException, InterruptedException {
        double sum = 0;
        for (MetricsEndpoint transcoder : transcoders.values()) {
            sum += transcoder.sum(metric, "");
        }
        return sum;
    }

    private static Map<String, Long> read(Map<String, MetricsEndpoint> processes, String metric, String label)
            throws IOException, InterruptedException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Map.Entry<String, MetricsEndpoint> process : processes.entrySet()) {
            values.put(process.getKey(), Math.round(process.getValue().sum(metric, label)));
        }
        return values;
    }

    /** Per process, {@code after} minus {@code before}. */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((process, value) -> delta.put(process, value - before.getOrDefault(process, 0L)));
        return delta;
    }

    static String header(Figures any) {
        List<String> columns = new ArrayList<>();
        any.open().keySet().forEach(p -> columns.add(p + " recordings open / packets"));
        any.stored().keySet().forEach(p -> columns.add(p + " recordings stored"));
        return "| concurrent calls | " + String.join(" | ", columns) + " |\n|---:|" + "---:|".repeat(columns.size());
    }

    static String row(int calls, Figures figures) {
        String ingestCells = figures.open().keySet().stream()
                .map(p -> share(figures.open(), p) + " / " + share(figures.packets(), p))
                .collect(Collectors.joining(" | "));
        String transcoderCells = figures.stored().keySet().stream().map(p -> share(figures.stored(), p))
                .collect(Collectors.joining(" | "));
        return "| " + calls + " | " + ingestCells + " | " + transcoderCells + " |";
    }

    /** A process's figure and its share of all processes' total. */
    private static String share(Map<String, Long> values, String process) {
        long total = values.values().stream().mapToLong(Long::longValue).sum();
        long value = values.get(process);
        return String.format(Locale.ROOT, "%,d (%.0f%%)", value, total == 0 ? 0 : 100.0 * value / total);
    }
}
