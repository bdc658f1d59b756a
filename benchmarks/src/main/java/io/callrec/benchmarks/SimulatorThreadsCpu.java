package io.callrec.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of the phone simulator's and the catalog check's threads in this JVM, which also runs the Kafka broker:
 * sampled twice a second while a load runs, because the simulator's threads end with it and take their counts
 * along. A thread's last half second can be missed.
 */
final class SimulatorThreadsCpu implements AutoCloseable {
    /** Thread names of {@code RtpSender}, {@code LoadRun} and {@code CatalogVerifier}. */
    private static final String[] PREFIXES = {"rtp-sender", "phone-control", "progress", "catalog-poller"};
    private static final long SAMPLE_MILLIS = 500;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> lastSeenNanos = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    SimulatorThreadsCpu() {
        sampler = new Thread(this::sampleUntilClosed, "simulator-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** CPU nanoseconds the simulator's threads used since this was created. */
    long nanos() {
        return lastSeenNanos.values().stream().mapToLong(Long::longValue).sum();
    }

    private void sampleUntilClosed() {
        while (running) {
            sample();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException closing) {
                return;
            }
        }
    }

    private void sample() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            for (String prefix : PREFIXES) {
                if (thread.getName().startsWith(prefix)) {
                    long nanos = threads.getThreadCpuTime(thread.getId());
                    if (nanos >= 0) {
                        lastSeenNanos.put(thread.getId(), nanos);
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        sample();
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
