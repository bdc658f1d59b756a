package io.callrec.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Busy CPU time of the whole machine from {@code /proc/stat} (user, nice, system, irq, softirq; not idle, iowait or
 * steal), to tell how much of it went to something other than the benchmark: other programs, or kernel work not
 * charged to any process.
 */
final class MachineCpu {
    private static final long NANOS_PER_TICK = 10_000_000;

    private MachineCpu() {
    }

    static long busyNanos() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
    }
}
