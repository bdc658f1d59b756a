package io.callrec.benchmarks;

import io.callrec.contracts.Codec;
import io.callrec.launcher.CallrecSystem;
import io.callrec.launcher.LauncherOptions;
import io.callrec.stack.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code benchmarks/system-benchmark.sh}: the whole of callrec on this machine (embedded stack and the four services, as
 * {@code ./callrec up} runs them) under the phone simulator, step by step in the number of concurrent calls. For each
 * step: whether every recording came out complete, stop→available latency, CPU-seconds per call-minute of every
 * part, heap per active recording of every service. Prints Markdown tables.
 */
public final class SystemBenchmark {
    static final String USAGE = """
            usage: system-benchmark.sh [--calls N,N,...] [--seconds S] [--calls-per-phone K] [--ramp-up S]
                                       [--codecs LIST] [--verify-timeout S] [--udp-range MIN-MAX]
                                       [--ingests N] [--transcoders M]
              --calls           concurrent calls per step, one simulated phone each (default 100,250,500,1000)
              --seconds         length of every call (default 60)
              --calls-per-phone calls each phone makes back to back (default 2)
              --ramp-up         the phones' first calls start spread over this many seconds (default: --seconds,
                                so that calls end at a steady rate; 10 with --calls-per-phone 1 ends them in a burst)
              --codecs          phone i uses entry i mod n (default PCMA,PCMU,G722)
              --verify-timeout  how long to wait for the recordings after the last call (default 120)
              --udp-range       rtp-ingest's UDP ports (default 20000-24999)
            """;

    /** The first calls after start-up meet interpreted code: a step should meet warm services, as in production. */
    private static final int WARM_UP_CALLS = 200;
    private static final Duration WARM_UP_LENGTH = Duration.ofSeconds(30);
    /**
     * Then this many short calls that start and end within one second: the paths of a burst of stops (drains,
     * stores, uploads, indexing side by side) are compiled before a step meets them.
     */
    private static final int WARM_UP_BURST_CALLS = 1000;
    private static final Duration WARM_UP_BURST_LENGTH = Duration.ofSeconds(10);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(20);
    /**
     * Every simulated phone connects from 127.0.0.1, which the gateway would otherwise cap at 500 connections and
     * 1,000 open recordings (a real site's phones have addresses of their own, or an operator raises the caps for a
     * NAT).
     */
    private static final Map<String, Map<String, String>> ONE_ADDRESS_FOR_ALL_PHONES = Map.of("control-gateway",
            Map.of("callrec.gateway.control.max-connections-per-source", "10000",
                    "callrec.gateway.limits.max-recordings-per-source", "10000"));

    private SystemBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("calls", "100,250,500,1000");
        defaults.put("seconds", "60");
        defaults.put("calls-per-phone", "2");
        defaults.put("ramp-up", "");
        defaults.put("codecs", "PCMA,PCMU,G722");
        defaults.put("verify-timeout", "120");
        defaults.put("udp-range", "20000-24999");
        defaults.put("ingests", "1");
        defaults.put("transcoders", "1");
        List<Integer> steps;
        CallPattern pattern;
        Duration verifyTimeout;
        int[] ports;
        int ingests;
        int transcoders;
        try {
            CommandLine line = CommandLine.parse(args, defaults);
            steps = line.positives("calls");
            Duration callLength = Duration.ofSeconds(line.positive("seconds"));
            Duration rampUp = line.text("ramp-up").isEmpty() ? callLength
                    : Duration.ofSeconds(line.positive("ramp-up"));
            List<Codec> codecs = new ArrayList<>();
            for (String name : line.text("codecs").split(",")) {
                codecs.add(Codec.byName(name).orElseThrow(
                        () -> new IllegalArgumentException("--codecs: unknown codec " + name)));
            }
            pattern = new CallPattern(callLength, rampUp, line.positive("calls-per-phone"), codecs);
            verifyTimeout = Duration.ofSeconds(line.positive("verify-timeout"));
            ports = line.range("udp-range");
            ingests = line.positive("ingests");
            transcoders = line.positive("transcoders");
        } catch (IllegalArgumentException e) {
            System.err.println("system-benchmark: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }

        PrintStream out = System.out;
        Path root = Path.of(System.getProperty("callrec.root", ".")).toAbsolutePath().normalize();
        Path keptLogs = root.resolve("benchmarks/target/system-benchmark-logs");
        out.println("# callrec system benchmark, "
                + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES));
        out.println("machine: " + Machine.describe() + "; load average at start " + Machine.loadAverage());
        out.printf("steps: %s concurrent calls (phones), %s, real time, no impairments, after %d warm-up calls "
                + "of %d s, a warm-up burst of %d calls of %d s ending within one second, and %d s idle; services as "
                + "./callrec up runs them (-Xmx512m and <module>/jvm.options each), %d rtp-ingest and %d transcoder "
                + "processes; their logs in %s%n%n", steps, pattern, WARM_UP_CALLS, WARM_UP_LENGTH.toSeconds(), WARM_UP_BURST_CALLS,
                WARM_UP_BURST_LENGTH.toSeconds(), IDLE_WINDOW.toSeconds(), ingests, transcoders, keptLogs);

        List<SystemResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> parts;
        List<String> services;
        Map<String, Double> idleCores;
        try (ScratchDirectory data = new ScratchDirectory("callrec-system-benchmark-")) {
            LauncherOptions options = new LauncherOptions(root, data.path(), FreePorts.find(), FreePorts.find(),
                    FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(), ports[0], ports[1], FreePorts.find(),
                    FreePorts.find(), FreePorts.find(), ingests, transcoders);
            System.err.println("starting the embedded stack and the services ...");
            try (CallrecSystem system = CallrecSystem.start(options, ONE_ADDRESS_FOR_ALL_PHONES);
                 SystemRun run = new SystemRun(system, pattern, verifyTimeout)) {
                parts = run.parts();
                services = run.services();
                System.err.printf("warming up: %d calls of %d s (not reported) ...%n", WARM_UP_CALLS,
                        WARM_UP_LENGTH.toSeconds());
                run.warmUp(WARM_UP_CALLS, WARM_UP_LENGTH, Duration.ofSeconds(2));
                System.err.printf("warming up: a burst of %d calls of %d s (not reported) ...%n",
                        WARM_UP_BURST_CALLS, WARM_UP_BURST_LENGTH.toSeconds());
                run.warmUp(WARM_UP_BURST_CALLS, WARM_UP_BURST_LENGTH, Duration.ofSeconds(1));
                System.err.printf("measuring idle CPU for %d s ...%n", IDLE_WINDOW.toSeconds());
                idleCores = run.idleCores(IDLE_WINDOW);
                for (int calls : steps) {
                    System.err.printf("%d calls ...%n", calls);
                    try {
                        SystemResult result = run.run(calls, idleCores);
                        results.add(result);
                        System.err.println(result.outcomeRow());
                    } catch (Exception e) {
                        System.err.println("  failed: " + e);
                        failures.add(calls + " calls: " + e.getMessage());
                    }
                }
            } finally {
                keepLogs(data.path().resolve("logs"), keptLogs);
            }
        }

        printReport(out, results, failures, parts, services, idleCores);
    }

    private static void printReport(PrintStream out, List<SystemResult> results, List<String> failures,
                                    List<String> parts, List<String> services, Map<String, Double> idleCores) {
        out.println("## Outcome");
        out.println();
        out.println(SystemResult.OUTCOME_HEADER);
        results.forEach(result -> out.println(result.outcomeRow()));
        failures.forEach(failure -> out.println("| failed: " + failure.replace('|', '/') + " |"));
        out.println();
        OptionalInt best = results.stream().filter(SystemResult::noLoss).mapToInt(SystemResult::calls).max();
        out.println(best.isPresent()
                ? "highest step with every recording complete (0 packets lost): " + best.getAsInt() + " calls"
                : "no step with every recording complete");
        out.println();
        out.println("## CPU-seconds per call-minute (all / above idle)");
        out.println();
        out.println("idle, cores: " + idleCores.entrySet().stream()
                .map(part -> String.format(Locale.ROOT, "%s %.3f", part.getKey(), part.getValue()))
                .collect(Collectors.joining(", ")));
        out.println();
        out.println(SystemResult.cpuHeader(parts));
        results.forEach(result -> out.println(result.cpuRow(parts)));
        out.println();
        out.println("## Heap per active recording (after GC, all calls running, minus idle)");
        out.println();
        out.println(SystemResult.heapHeader(services));
        results.forEach(result -> out.println(result.heapRow(services)));
        out.println();
        if (!results.isEmpty()) {
            out.println("## Split between the rtp-ingest and the transcoder processes (share of all)");
            out.println();
            out.println(InstanceSplit.header(results.get(0).split()));
            results.forEach(result -> out.println(InstanceSplit.row(result.calls(), result.split())));
            out.println();
        }
    }

    /** The services' logs outlive the scratch folder, for looking into a failed step. */
    private static void keepLogs(Path logs, Path kept) throws IOException {
        if (!Files.isDirectory(logs)) {
            return;
        }
        Files.createDirectories(kept);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
