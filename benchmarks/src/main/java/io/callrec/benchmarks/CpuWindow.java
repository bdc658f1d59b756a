package io.callrec.benchmarks;

/**
 * CPU used while a step runs: by the processes under test, by this JVM (the sender, and the embedded Kafka broker
 * when it is in use), and by the rest of the machine, which should stay near zero for the figures to hold.
 */
final class CpuWindow {
    private final long pid;
    private final long processBefore;
    private final long selfBefore;
    private final long machineBefore;
    private final long startNanos;

    /**
     * @param wallNanos     how long the window was open
     * @param processNanos  CPU of the process under test (0 when there is none)
     * @param selfNanos     CPU of this JVM
     * @param restNanos     busy CPU of the machine apart from those two
     */
    record Usage(long wallNanos, long processNanos, long selfNanos, long restNanos) {
        double cores(long nanos) {
            return nanos / (double) wallNanos;
        }
    }

    private CpuWindow(long pid) {
        this.pid = pid;
        this.processBefore = pid > 0 ? ProcessCpu.nanos(pid) : 0;
        this.selfBefore = ProcessCpu.nanos(ProcessHandle.current().pid());
        this.machineBefore = MachineCpu.busyNanos();
        this.startNanos = System.nanoTime();
    }

    /** Starts measuring this JVM, the machine, and {@code pid} unless it is 0. */
    static CpuWindow open(long pid) {
        return new CpuWindow(pid);
    }

    Usage close() {
        long wall = System.nanoTime() - startNanos;
        long process = pid > 0 ? ProcessCpu.nanos(pid) - processBefore : 0;
        long self = ProcessCpu.nanos(ProcessHandle.current().pid()) - selfBefore;
        long machine = MachineCpu.busyNanos() - machineBefore;
        return new Usage(wall, process, self, Math.max(0, machine - process - self));
    }
}
