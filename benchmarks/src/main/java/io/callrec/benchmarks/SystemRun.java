package io.callrec.benchmarks;

import io.callrec.benchmarks.EndToEndLoss.LossyRecording;
import io.callrec.benchmarks.FramesTopic.RecordingFrames;
import io.callrec.launcher.CallrecSystem;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.catalog.CatalogClient;
import io.callrec.simulator.catalog.CatalogVerifier;
import io.callrec.simulator.catalog.VerificationReport;
import io.callrec.simulator.load.LoadRun;
import io.callrec.simulator.load.LoadSettings;
import io.callrec.simulator.load.LoadSummary;
import io.callrec.simulator.rtp.Pacing;
import io.callrec.simulator.speech.SpeechSource;
import io.callrec.stack.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * One step of the system benchmark: N simulated phones, one call each, against the running system, every
 * recording awaited in the catalog; CPU of every part over the whole step, heap of every service with the calls
 * running. Where recordings miss packets, {@code callrec.frames} tells whether they were lost before Kafka (UDP,
 * rtp-ingest) or after (transcoder).
 */
final class SystemRun implements AutoCloseable {
    private static final Duration FRAMES_READ_WITHIN = Duration.ofSeconds(60);
    /** Lossy recordings described one by one on standard error; the rest are only counted. */
    private static final int DESCRIBED = 10;
    /** The transcoder's timer around hashing, uploading and announcing one recording. */
    private static final String STORE_TIMER = "callrec_transcoder_upload_time_seconds";

    private final CallrecSystem system;
    private final SystemCpu cpu;
    private final CallPattern pattern;
    private final Duration verifyTimeout;
    private final FramesTopic frames;
    private final CatalogClient catalog;
    private final InstanceSplit split;

    /** What the simulator and the catalog check saw of one load run. */
    private record Calls(String runTag, List<SentCall> sent, LoadSummary summary, VerificationReport verification) {
    }

    SystemRun(CallrecSystem system, CallPattern pattern, Duration verifyTimeout) {
        this.system = system;
        this.cpu = new SystemCpu(system);
        this.pattern = pattern;
        this.verifyTimeout = verifyTimeout;
        this.frames = new FramesTopic(system.stack().kafkaBootstrapServers());
        this.catalog = new CatalogClient(URI.create(system.catalogUrl()), Optional.of(system.admin().user()),
                system.admin().password());
        this.split = new InstanceSplit(system, cpu.instances());
    }

    /** The service processes, along the data path. */
    List<String> services() {
        return cpu.instances();
    }

    /** The parts whose CPU is measured, the simulator last. */
    List<String> parts() {
        List<String> parts = new ArrayList<>(cpu.names());
        parts.add(SystemCpu.SIMULATOR);
        return parts;
    }

    /**
     * Calls that are not measured, one per phone, the phones starting within {@code rampUp}: the first calls after
     * start-up meet code the JIT has not compiled yet.
     */
    void warmUp(int calls, Duration length, Duration rampUp) throws IOException, InterruptedException {
        callAndAwait(settings(calls, new CallPattern(length, rampUp, 1, pattern.codecs())));
    }

    /** Cores each part uses with no calls at all: timers, polling consumers, the broker's housekeeping. */
    Map<String, Double> idleCores(Duration during) throws InterruptedException {
        Map<String, Long> before = cpu.nanos();
        long start = System.nanoTime();
        Thread.sleep(during.toMillis());
        double wall = System.nanoTime() - start;
        Map<String, Double> cores = new LinkedHashMap<>();
        cpu.nanos().forEach((part, nanos) -> cores.put(part, (nanos - before.getOrDefault(part, nanos)) / wall));
        return cores;
    }

    SystemResult run(int calls, Map<String, Double> idleCores) throws IOException, InterruptedException {
        Map<String, HeapProbe.Heap> idle = probeHeaps();
        Map<TopicPartition, Long> framesFrom = frames.endOffsets();
        KernelUdpCounters kernelBefore = KernelUdpCounters.read();
        double storesBefore = split.transcoderSum(STORE_TIMER + "_count");
        double storeSecondsBefore = split.transcoderSum(STORE_TIMER + "_sum");
        Map<String, Long> packetsBefore = split.packets();
        Map<String, Long> storedBefore = split.stored();
        Map<String, Long> open = Collections.synchronizedMap(new LinkedHashMap<>());
        Map<String, Long> cpuBefore = cpu.nanos();
        long start = System.nanoTime();

        Map<String, HeapProbe.Heap> busy = new ConcurrentHashMap<>();
        Thread midway = new Thread(() -> {
            try {
                Thread.sleep(pattern.allCalling().toMillis());
                busy.putAll(probeHeaps());
                open.putAll(split.open());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                System.err.println("heap probe failed: " + e.getMessage());
            }
        }, "heap-probe");
        midway.start();
        Calls done;
        long simulatorNanos;
        try (SimulatorThreadsCpu simulator = new SimulatorThreadsCpu()) {
            done = callAndAwait(settings(calls, pattern));
            simulator.close();
            simulatorNanos = simulator.nanos();
        } finally {
            midway.interrupt();
            midway.join();
        }

        long window = System.nanoTime() - start;
        Map<String, Long> cpuUsed = new LinkedHashMap<>();
        cpu.nanos().forEach((part, nanos) -> cpuUsed.put(part, nanos - cpuBefore.getOrDefault(part, nanos)
                - (busy.containsKey(part) ? busy.get(part).gcCpuNanos() : 0)));
        // This JVM runs both: what the simulator's threads used is not Kafka's.
        cpuUsed.computeIfPresent(SystemCpu.KAFKA, (part, nanos) -> nanos - simulatorNanos);
        cpuUsed.put(SystemCpu.SIMULATOR, simulatorNanos);
        KernelUdpCounters kernel = KernelUdpCounters.read().since(kernelBefore);
        double stores = split.transcoderSum(STORE_TIMER + "_count") - storesBefore;
        double storeSeconds = split.transcoderSum(STORE_TIMER + "_sum") - storeSecondsBefore;
        Map<String, Long> heapPerRecording = new LinkedHashMap<>();
        idle.forEach((service, heap) -> {
            if (busy.containsKey(service)) {
                heapPerRecording.put(service, (busy.get(service).bytes() - heap.bytes()) / calls);
            }
        });
        InstanceSplit.Figures shares = new InstanceSplit.Figures(new LinkedHashMap<>(open),
                InstanceSplit.since(packetsBefore, split.packets()), InstanceSplit.since(storedBefore, split.stored()));
        EndToEndLoss loss = EndToEndLoss.measure(catalog, done.runTag(), done.sent());
        return new SystemResult(calls, done.summary(), done.verification(), loss, lostBeforeKafka(loss, framesFrom),
                kernel, stores > 0 ? 1000 * storeSeconds / stores : 0, cpuUsed, idleCores, callMinutes(done.sent()),
                heapPerRecording, window, shares);
    }

    /** {@code phones} phones calling in this pattern, with a run tag of their own. */
    private LoadSettings settings(int phones, CallPattern calls) {
        String runTag = "callrec-bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return new LoadSettings(new InetSocketAddress("127.0.0.1", system.options().controlPort()), phones,
                calls.callsPerPhone(), calls.callLength(), calls.rampUp(), calls.codecs(), Pacing.realTime(), 0, 0, 0,
                0, 0, phones, runTag);
    }

    /** Makes the calls, then waits until the catalog lists every recording as available (or the timeout). */
    private Calls callAndAwait(LoadSettings load) throws IOException, InterruptedException {
        List<SentCall> sent = Collections.synchronizedList(new ArrayList<>());
        try (CatalogVerifier verifier = new CatalogVerifier(catalog, load.runTag(), System.err)) {
            LoadSummary summary = new LoadRun(load, SpeechSource.shipped(), System.err).run(call -> {
                sent.add(call);
                verifier.expect(call);
            });
            return new Calls(load.runTag(), List.copyOf(sent), summary, verifier.awaitAll(verifyTimeout));
        }
    }

    private static double callMinutes(List<SentCall> calls) {
        double minutes = 0;
        for (SentCall call : calls) {
            minutes += call.stats().packets() * (double) CallPlan.PACKET_MILLIS / 60_000;
        }
        return minutes;
    }

    /** Of the packets lost end to end, those that never reached {@code callrec.frames}. */
    private long lostBeforeKafka(EndToEndLoss loss, Map<TopicPartition, Long> from) {
        if (loss.lossy().isEmpty()) {
            return 0;
        }
        Map<UUID, RecordingFrames> inKafka = frames.read(from,
                loss.lossy().stream().map(LossyRecording::recordingId).collect(Collectors.toSet()), FRAMES_READ_WITHIN);
        long beforeKafka = 0;
        int described = 0;
        for (LossyRecording recording : loss.lossy()) {
            RecordingFrames kafka = inKafka.getOrDefault(recording.recordingId(), RecordingFrames.NONE);
            beforeKafka += recording.sent() - kafka.frames();
            if (described++ < DESCRIBED) {
                System.err.printf("  recording %s: %d packets sent, %d frames in Kafka (rtp-ingest's counters %s), "
                        + "%d in the recording%n", recording.recordingId(), recording.sent(), kafka.frames(),
                        kafka.counters(), recording.inRecording());
            }
        }
        return beforeKafka;
    }

    /** Heap after a full GC of every service. */
    private Map<String, HeapProbe.Heap> probeHeaps() throws IOException, InterruptedException {
        Map<String, HeapProbe.Heap> heaps = new LinkedHashMap<>();
        for (ServiceProcess service : system.services()) {
            heaps.put(service.name(), HeapProbe.afterGc(service.pid(), new MetricsEndpoint(service.managementUrl())));
        }
        return heaps;
    }

    private ServiceProcess service(String name) {
        return system.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    @Override
    public void close() {
        frames.close();
    }
}
