package io.callrec.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark runs on, in one line: CPU model, cores, memory, JDK. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "%s, %d cores, %s memory, Java %s (%s)", field("/proc/cpuinfo", "model name"),
                Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"));
    }

    /** The 1, 5 and 15 minute load averages: near 0 before a step means nothing else was running. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        String total = field("/proc/meminfo", "MemTotal");
        try {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(total.replace(" kB", "")) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return total;
        }
    }

    /** The value of the first {@code name: value} line of a /proc file, or "unknown". */
    private static String field(String file, String name) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
