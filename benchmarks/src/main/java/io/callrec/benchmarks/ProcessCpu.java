package io.callrec.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc/<pid>/stat} (Linux): user + system time of all its threads, plus that
 * of its children it has reaped (PostgreSQL forks a backend per connection; their time lands in the postmaster's).
 */
final class ProcessCpu {
    /** /proc reports clock ticks of USER_HZ, which is 100 on Linux whatever the kernel's own tick. */
    private static final long NANOS_PER_TICK = 10_000_000;
    /** Fields after the command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17. */
    private static final int UTIME = 14 - 3;

    private ProcessCpu() {
    }

    /** CPU nanoseconds used so far, 0 for a process that is gone. */
    static long nanos(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return 0;
        }
        // The command name is in parentheses and may contain spaces: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = 0;
        for (int i = UTIME; i < UTIME + 4; i++) {
            ticks += Long.parseLong(fields[i]);
        }
        return ticks * NANOS_PER_TICK;
    }
}
