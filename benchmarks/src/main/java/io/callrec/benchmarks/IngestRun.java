package io.callrec.benchmarks;

import io.callrec.benchmarks.FramesTopic.RecordingFrames;
import io.callrec.contracts.Codec;
import io.callrec.contracts.StreamCounters;
import io.callrec.stack.EmbeddedStack;
import io.callrec.stack.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * The ingest benchmark's receiver: one rtp-ingest process (its packaged app, as the launcher runs it) for all
 * steps, so that every step meets a warmed-up JVM as a long-running service would. A step opens N sessions through
 * the internal API, sends N paced streams for the given time, ends every session, then counts the frames on
 * {@code callrec.frames} per recording against what was sent.
 */
final class IngestRun implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final Duration END_OF_STREAM_WITHIN = Duration.ofSeconds(120);
    private static final String INTERNAL_TOKEN = "callrec.ingest.internal-token";
    private static final String RECEIVED_METRIC = "callrec_ingest_packets_received_total";

    private final ServiceProcess ingest;
    private final FramesTopic topic;
    private final MetricsEndpoint metrics;
    private final IngestApi api;

    private IngestRun(ServiceProcess ingest, FramesTopic topic) {
        this.ingest = ingest;
        this.topic = topic;
        this.metrics = new MetricsEndpoint(ingest.managementUrl());
        this.api = new IngestApi(ingest.baseUrl(), ingest.config().get(INTERNAL_TOKEN));
    }

    /** Starts rtp-ingest on the stack, owning UDP ports {@code portMin..portMax} on 127.0.0.1. */
    static IngestRun start(EmbeddedStack stack, Path projectRoot, Path logDir, int portMin, int portMax) {
        Map<String, String> config = new LinkedHashMap<>(stack.serviceConfig());
        config.put("callrec.ingest.port-min", Integer.toString(portMin));
        config.put("callrec.ingest.port-max", Integer.toString(portMax));
        config.put("callrec.ingest.bind-host", "127.0.0.1");
        config.put("callrec.ingest.advertised-host", "127.0.0.1");
        config.put(INTERNAL_TOKEN, UUID.randomUUID().toString());
        ServiceProcess ingest = ServiceProcess.start(projectRoot, "rtp-ingest", "rtp-ingest", 0, 0, config,
                logDir, READY_WITHIN);
        try {
            return new IngestRun(ingest, new FramesTopic(stack.kafkaBootstrapServers()));
        } catch (RuntimeException e) {
            ingest.close();
            throw e;
        }
    }

    /** G.711 both ways: every other stream is mu-law. */
    static Codec codecOf(int stream) {
        return stream % 2 == 0 ? Codec.PCMA : Codec.PCMU;
    }

    IngestResult run(int streams, int seconds) throws IOException, InterruptedException {
        long pid = ingest.pid();
        HeapProbe.Heap idle = HeapProbe.afterGc(pid, metrics);
        Map<TopicPartition, Long> from = topic.endOffsets();

        List<UUID> recordings = new ArrayList<>(streams);
        List<Codec> codecs = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            recordings.add(UUID.randomUUID());
            codecs.add(codecOf(i));
        }
        List<InetSocketAddress> targets = api.allocate(recordings, codecs);
        List<PacedStreams.Stream> load = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            load.add(new PacedStreams.Stream(targets.get(i), codecs.get(i)));
        }

        long receivedBefore = receivedSoFar();
        KernelUdpCounters kernelBefore = KernelUdpCounters.read();
        CpuWindow window = CpuWindow.open(pid);
        HeapProbe.Heap[] busy = new HeapProbe.Heap[1];
        PacedStreams.Outcome sending = PacedStreams.send(load, seconds,
                () -> busy[0] = HeapProbe.afterGc(pid, metrics));
        Arrivals.await(() -> receivedSoFar() - receivedBefore, sending.totalSent());
        CpuWindow.Usage cpu = window.close();
        KernelUdpCounters kernel = KernelUdpCounters.read().since(kernelBefore);

        api.end(recordings);
        Map<UUID, RecordingFrames> frames = topic.read(from, Set.copyOf(recordings), END_OF_STREAM_WITHIN);
        long[] received = new long[streams];
        long total = 0;
        int notEnded = 0;
        StreamCounters drops = StreamCounters.NONE;
        for (int i = 0; i < streams; i++) {
            RecordingFrames recording = frames.getOrDefault(recordings.get(i), RecordingFrames.NONE);
            received[i] = recording.frames();
            total += recording.frames();
            if (recording.counters() == null) {
                notEnded++;
            } else {
                drops = plus(drops, recording.counters());
            }
        }
        return new IngestResult(streams, sending, total, StreamLoss.of(sending.sent(), received), notEnded, drops,
                cpu, busy[0].gcCpuNanos(), idle.bytes(), busy[0].bytes(), kernel);
    }

    private long receivedSoFar() throws IOException, InterruptedException {
        return (long) metrics.sum(RECEIVED_METRIC, "");
    }

    private static StreamCounters plus(StreamCounters a, StreamCounters b) {
        return new StreamCounters(a.received() + b.received(), a.invalid() + b.invalid(),
                a.wrongSource() + b.wrongSource(), a.duplicates() + b.duplicates(), a.dropped() + b.dropped());
    }

    @Override
    public void close() {
        try {
            topic.close();
        } finally {
            ingest.close();
        }
    }
}
