package io.callrec.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of the phone simulator's and the catalog check's threads in this JVM, which also runs the Kafka broker:
 * sampled twice a second while a load runs, because the simulator's threads end with it and take their counts
 * along. A thread's last half second can be missed. The benchmark's HTTP clients and the sampler's own thread
 * count too: they are the load's bookkeeping, not the broker's.
 */
final class SimulatorThreadsCpu implements AutoCloseable {
    private static final String SAMPLER = "simulator-cpu-sampler";
    /**
     * Thread names of {@code RtpSender}, {@code LoadRun}, {@code CatalogVerifier}, and of the {@code HttpClient}s
     * that ask the catalog and the services' metrics (the broker has none).
     */
    private static final String[] PREFIXES = {"rtp-sender", "phone-control", "progress", "catalog-poller",
        "HttpClient", SAMPLER};
    private static final long SAMPLE_MILLIS = 500;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** What the threads already running at the start (the HTTP clients' among them) had used before. */
    private final Map<Long, Long> startNanos = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastSeenNanos = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    SimulatorThreadsCpu() {
        sample(startNanos);
        sampler = new Thread(this::sampleUntilClosed, SAMPLER);
        sampler.setDaemon(true);
        sampler.start();
    }

    /** CPU nanoseconds the simulator's threads used since this was created. */
    long nanos() {
        return lastSeenNanos.entrySet().stream()
                .mapToLong(thread -> thread.getValue() - startNanos.getOrDefault(thread.getKey(), 0L)).sum();
    }

    private void sampleUntilClosed() {
        while (running) {
            sample(lastSeenNanos);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException closing) {
                return;
            }
        }
    }

    private void sample(Map<Long, Long> into) {
        // Names only: walking every thread's stack twice a second cost 0.6 CPU-s in a 1,000-call step.
        for (ThreadInfo thread : threads.dumpAllThreads(false, false, 0)) {
            for (String prefix : PREFIXES) {
                if (thread.getThreadName().startsWith(prefix)) {
                    long nanos = threads.getThreadCpuTime(thread.getThreadId());
                    if (nanos >= 0) {
                        into.put(thread.getThreadId(), nanos);
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        sample(lastSeenNanos);
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
