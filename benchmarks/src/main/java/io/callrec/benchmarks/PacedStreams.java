package io.callrec.benchmarks;

import io.callrec.contracts.Codec;
import io.callrec.contracts.CallDirection;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.StreamStats;
import io.callrec.simulator.rtp.Pacing;
import io.callrec.simulator.rtp.RtpSender;
import io.callrec.simulator.rtp.StreamResult;
import io.callrec.simulator.speech.SpeechSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Real-time G.711 streams, one 160-byte packet every 20 ms each, from the phone simulator's {@link RtpSender}: one
 * pacing thread and one UDP socket for all of them, spread evenly over the 20 ms, all starting within the first
 * interval and ending by themselves after the given time.
 */
final class PacedStreams {
    /** The name {@link RtpSender} gives its pacing thread. */
    private static final String PACING_THREAD = "rtp-sender";

    private PacedStreams() {
    }

    /** Where one stream goes and what it carries. */
    record Stream(InetSocketAddress target, Codec codec) {
    }

    /** Work to do while the streams are running, e.g. a heap probe of the receiver. */
    interface Midway {
        void run() throws IOException, InterruptedException;
    }

    /**
     * @param sent           datagrams sent, per stream in the order given
     * @param lateSends      datagrams that left more than 5 ms after they were due
     * @param sendErrors     datagrams the operating system refused
     * @param wallNanos      from handing the streams to the sender until the last packet left
     * @param pacingCpuNanos CPU time of the pacing thread meanwhile
     */
    record Outcome(int[] sent, long lateSends, long sendErrors, long wallNanos, long pacingCpuNanos) {
        long totalSent() {
            long total = 0;
            for (int count : sent) {
                total += count;
            }
            return total;
        }

        double packetsPerSecond() {
            return totalSent() / (wallNanos / 1e9);
        }

        /** Share of one core the pacing thread used. */
        double pacingCores() {
            return pacingCpuNanos / (double) wallNanos;
        }
    }

    /** Sends every stream for {@code seconds}, runs {@code midway} at half time, and returns when all have ended. */
    static Outcome send(List<Stream> streams, int seconds, Midway midway) throws IOException, InterruptedException {
        for (Stream stream : streams) {
            if (!stream.target().getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("benchmarks send to loopback only, not to " + stream.target());
            }
        }
        SpeechSource speech = SpeechSource.shipped();
        try (RtpSender sender = RtpSender.start(Pacing.realTime())) {
            Thread pacing = pacingThread();
            long cpuBefore = threadCpuNanos(pacing);
            long start = System.nanoTime();
            List<CompletableFuture<StreamResult>> results = new ArrayList<>(streams.size());
            for (int i = 0; i < streams.size(); i++) {
                Stream stream = streams.get(i);
                results.add(sender.stream(plan(i, stream.codec(), seconds), speech.clip(stream.codec()),
                        stream.target(), false));
            }
            TimeUnit.MILLISECONDS.sleep(seconds * 500L);
            midway.run();
            try {
                CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(seconds + 60L, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("streams did not finish: " + e.getMessage(), e);
            }
            long wall = System.nanoTime() - start;
            long pacingCpu = threadCpuNanos(pacing) - cpuBefore;
            int[] sent = new int[streams.size()];
            long late = 0;
            long errors = 0;
            for (int i = 0; i < sent.length; i++) {
                StreamStats stats = results.get(i).join().stats();
                sent[i] = stats.datagrams();
                late += stats.lateSends();
                errors += stats.sendErrors();
            }
            return new Outcome(sent, late, errors, wall, pacingCpu);
        }
    }

    private static CallPlan plan(int index, Codec codec, int seconds) {
        String device = String.format(Locale.ROOT, "0c:38:3e:%02x:%02x:%02x", (index >> 16) & 0xFF,
                (index >> 8) & 0xFF, index & 0xFF);
        return new CallPlan("bench-" + index, device, codec, CallDirection.OUT,
                new CallParties("1000", "benchmark", "2000", "benchmark"), seconds * 1000L, Impairments.NONE, index);
    }

    private static Thread pacingThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> PACING_THREAD.equals(thread.getName()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + PACING_THREAD + " thread"));
    }

    static long threadCpuNanos(Thread thread) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
    }
}
