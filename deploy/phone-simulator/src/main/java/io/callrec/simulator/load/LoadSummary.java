package io.callrec.simulator.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a load run did.
 *
 * @param started        calls attempted
 * @param succeeded      calls that started, streamed and ended as planned
 * @param failed         the others
 * @param failureReasons how many calls failed for each reason
 * @param packets        packets of all calls, dropped ones included
 * @param datagrams      datagrams sent, duplicates included
 * @param dropped        packets left out by simulated loss
 * @param reordered      packets sent after their successor
 * @param duplicated     packets sent twice
 * @param lateSends      datagrams sent later than the pacing allows
 * @param stopsSentOverNanos from the first call's stop sent (or connection dropped) to the last's: how close
 *                       together calls planned to end together really ended
 * @param wallNanos      how long the run took
 */
public record LoadSummary(int started, int succeeded, int failed, Map<String, Long> failureReasons, long packets,
                          long datagrams, long dropped, long reordered, long duplicated, long lateSends,
                          long stopsSentOverNanos, long wallNanos) {

    public LoadSummary {
        failureReasons = Map.copyOf(failureReasons);
    }

    public boolean allSucceeded() {
        return failed == 0 && succeeded == started;
    }

    /** Late sends as a percentage of datagrams sent. */
    public double latePercent() {
        return datagrams == 0 ? 0 : 100.0 * lateSends / datagrams;
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "calls:   %d started, %d succeeded, %d failed (in %.1f s)%n", started, succeeded, failed,
                seconds(wallNanos));
        failureReasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(reason -> out.printf(Locale.ROOT, "         %6d x %s%n", reason.getValue(), reason.getKey()));
        out.printf(Locale.ROOT, "packets: %d sent (%d datagrams), %d dropped, %d reordered, %d duplicated by impairment%n",
                packets - dropped, datagrams, dropped, reordered, duplicated);
        out.printf(Locale.ROOT, "late:    %d sends (%.3f %%)%n", lateSends, latePercent());
        out.printf(Locale.ROOT, "stops:   sent over %.2f s, first to last%n", seconds(stopsSentOverNanos));
    }

    private static double seconds(long nanos) {
        return nanos / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
