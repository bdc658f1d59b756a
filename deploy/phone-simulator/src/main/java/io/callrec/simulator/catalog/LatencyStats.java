package io.callrec.simulator.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Stop-to-available latencies: median, 95th percentile (nearest rank) and maximum, in
 * milliseconds.
 */
public record LatencyStats(int count, long p50Millis, long p95Millis, long maxMillis) {

    public static LatencyStats of(long[] latencyNanos) {
        if (latencyNanos.length == 0) {
            return new LatencyStats(0, 0, 0, 0);
        }
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
                millis(sorted[sorted.length - 1]));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, max %d ms (%d recordings)", p50Millis, p95Millis,
                maxMillis, count);
    }

    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
