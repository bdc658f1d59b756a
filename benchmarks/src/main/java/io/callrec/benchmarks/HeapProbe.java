package io.callrec.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A service's live heap: a full GC through {@code jcmd <pid> GC.run}, then the heap in use from its metrics. The
 * GC's CPU time is returned too, so that it can be left out of the service's CPU figures.
 */
final class HeapProbe {
    private HeapProbe() {
    }

    /** @param bytes heap in use after the GC; {@code gcCpuNanos} the process CPU the probe cost */
    record Heap(long bytes, long gcCpuNanos) {
    }

    static Heap afterGc(long pid, MetricsEndpoint metrics) throws IOException, InterruptedException {
        long cpuBefore = ProcessCpu.nanos(pid);
        Process jcmd = new ProcessBuilder(jcmd(), Long.toString(pid), "GC.run").redirectErrorStream(true).start();
        jcmd.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.run failed");
        }
        long gcCpu = ProcessCpu.nanos(pid) - cpuBefore;
        return new Heap((long) metrics.sum("jvm_memory_used_bytes", "area=\"heap\""), gcCpu);
    }

    /** jcmd of the JDK this runs on. */
    private static String jcmd() {
        return ProcessHandle.current().info().command()
                .map(java -> java.replaceFirst("java$", "jcmd"))
                .orElse("jcmd");
    }
}
