package io.callrec.benchmarks;

import io.callrec.stack.EmbeddedStack;
import io.callrec.stack.StackSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code benchmarks/ingest-benchmark.sh}: how many concurrent 20 ms G.711 streams one rtp-ingest takes into Kafka with
 * no loss on this machine, and, as the ceiling, how many a bare UDP receiver on the same ports takes. Steps through
 * the stream counts given; prints one Markdown table per receiver.
 */
public final class IngestBenchmark {
    static final String USAGE = """
            usage: ingest-benchmark.sh [--streams N,N,...] [--seconds S] [--udp-range MIN-MAX] [--receivers bare,ingest]
              --streams     concurrent streams per step (default 250,500,1000,1500,2000,2500)
              --seconds     how long each step streams (default 30)
              --udp-range   rtp-ingest's UDP ports; the bare receiver uses the first N of them (default 20000-22999)
              --receivers   bare (the ceiling), ingest (rtp-ingest into Kafka), or both (default bare,ingest)
            """;

    /** The first seconds of a fresh JVM run interpreted code: a step should meet a warm service, as in production. */
    private static final int WARM_UP_STREAMS = 500;
    private static final int WARM_UP_SECONDS = 20;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("streams", "250,500,1000,1500,2000,2500");
        defaults.put("seconds", "30");
        defaults.put("udp-range", "20000-22999");
        defaults.put("receivers", "bare,ingest");
        List<Integer> steps;
        int seconds;
        int[] ports;
        List<String> receivers;
        try {
            CommandLine line = CommandLine.parse(args, defaults);
            steps = line.positives("streams");
            seconds = line.positive("seconds");
            ports = line.range("udp-range");
            receivers = List.of(line.text("receivers").split(","));
            if (!List.of("bare", "ingest").containsAll(receivers)) {
                throw new IllegalArgumentException("--receivers wants bare, ingest or both, got " + receivers);
            }
            int largest = steps.stream().max(Integer::compare).orElseThrow();
            if (largest > ports[1] - ports[0] + 1) {
                throw new IllegalArgumentException("--udp-range " + line.text("udp-range") + " has fewer ports than "
                        + largest + " streams");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ingest-benchmark: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }

        PrintStream out = System.out;
        Path root = Path.of(System.getProperty("callrec.root", ".")).toAbsolutePath().normalize();
        Path logs = root.resolve("benchmarks/target/ingest-benchmark-logs");
        out.println("# rtp-ingest benchmark, " + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES));
        out.println("machine: " + Machine.describe() + "; load average at start " + Machine.loadAverage());
        out.printf("steps: %s streams, %d s each, 20 ms G.711 (160-byte payload, PCMA/PCMU alternating) from "
                + "127.0.0.1 to UDP %d-%d on 127.0.0.1%n", steps, seconds, ports[0], ports[1]);
        if (receivers.contains("ingest")) {
            out.printf("one rtp-ingest process (-Xmx512m) for all steps, warmed up with %d streams for %d s; its log "
                    + "in %s%n", WARM_UP_STREAMS, WARM_UP_SECONDS, logs);
        }
        out.println();

        List<String> ceilingRows = new ArrayList<>();
        List<String> lossRows = new ArrayList<>();
        List<String> costRows = new ArrayList<>();
        List<CeilingResult> ceilings = new ArrayList<>();
        List<IngestResult> ingests = new ArrayList<>();
        try (ScratchDirectory data = new ScratchDirectory("callrec-ingest-benchmark-");
             EmbeddedStack stack = EmbeddedStack.start(StackSettings.defaults(data.path()).withFreePorts());
             IngestRun ingest = receivers.contains("ingest")
                     ? IngestRun.start(stack, root, logs, ports[0], ports[1]) : null) {
            CeilingRun ceiling = new CeilingRun(ports[0]);
            if (ingest != null) {
                System.err.printf("warming rtp-ingest up: %d streams for %d s (not reported) ...%n", WARM_UP_STREAMS,
                        WARM_UP_SECONDS);
                ingest.run(WARM_UP_STREAMS, WARM_UP_SECONDS);
            }
            for (int streams : steps) {
                if (receivers.contains("bare")) {
                    System.err.printf("bare receiver, %d streams ...%n", streams);
                    try {
                        CeilingResult result = ceiling.run(streams, seconds);
                        ceilings.add(result);
                        ceilingRows.add(result.row());
                        System.err.println(result.row());
                    } catch (Exception e) {
                        ceilingRows.add(failedRow(streams, e, CeilingResult.COLUMNS));
                    }
                }
                if (ingest != null) {
                    System.err.printf("rtp-ingest, %d streams ...%n", streams);
                    try {
                        IngestResult result = ingest.run(streams, seconds);
                        ingests.add(result);
                        lossRows.add(result.lossRow());
                        costRows.add(result.costRow());
                        System.err.println(result.lossRow());
                        System.err.println(result.costRow());
                    } catch (Exception e) {
                        lossRows.add(failedRow(streams, e, IngestResult.LOSS_COLUMNS));
                    }
                }
            }
        }
        if (receivers.contains("bare")) {
            printTable(out, "Ceiling: bare UDP receiver (one selector thread, same ports)", CeilingResult.HEADER,
                    ceilingRows);
            out.println(highestWithoutLoss(ceilings.stream().filter(CeilingResult::noLoss)
                    .map(r -> Map.entry(r.streams(), r.sending())).toList()));
            out.println();
        }
        if (receivers.contains("ingest")) {
            printTable(out, "rtp-ingest into Kafka: loss", IngestResult.LOSS_HEADER, lossRows);
            out.println(highestWithoutLoss(ingests.stream().filter(IngestResult::noLoss)
                    .map(r -> Map.entry(r.streams(), r.sending())).toList()));
            out.println();
            printTable(out, "rtp-ingest into Kafka: cost", IngestResult.COST_HEADER, costRows);
        }
    }

    /** The highest of the steps without loss, with the rate actually sent and how punctual the sender was. */
    private static String highestWithoutLoss(List<Map.Entry<Integer, PacedStreams.Outcome>> stepsWithoutLoss) {
        return stepsWithoutLoss.stream().max(Map.Entry.comparingByKey())
                .map(best -> String.format(Locale.ROOT,
                        "highest step with 0 loss: %d streams, %,.0f packets/s (%.1f %% of sends late)",
                        best.getKey(), best.getValue().packetsPerSecond(),
                        100.0 * best.getValue().lateSends() / best.getValue().totalSent()))
                .orElse("no step without loss");
    }

    private static void printTable(PrintStream out, String title, String header, List<String> rows) {
        out.println("## " + title);
        out.println();
        out.println(header);
        rows.forEach(out::println);
        out.println();
    }

    /** A table row for a step that could not be measured, with the reason across the remaining columns. */
    private static String failedRow(int streams, Exception e, int columns) {
        System.err.println("  failed: " + e);
        return "| " + streams + " | failed: " + String.valueOf(e.getMessage()).replace('|', '/') + " |"
                + " |".repeat(columns - 2);
    }
}
