package io.callrec.simulator.catalog;

import java.io.PrintStream;
import java.util.List;

/**
 * What the catalog showed for the calls of a run.
 *
 * @param expected  successful calls whose recordings were awaited
 * @param available of those, recordings seen with status available in time
 * @param problems  one line per recording that was missing or did not match its call
 * @param latency   stop-to-available latency of the available ones, as this client saw them: each poll's
 *                  interval and its own duration are in it
 * @param catalogLatency from the stop to the {@code storedAt} the catalog stamped on each (its transaction
 *                  begins then and commits a little later): the system's part of {@code latency}, provided the
 *                  simulator's and the catalog's clocks agree (one machine, or synchronised)
 */
public record VerificationReport(int expected, int available, List<String> problems, LatencyStats latency,
                                 LatencyStats catalogLatency) {
    /** How many problem lines {@link #print} shows before summing up the rest. */
    private static final int PRINTED_PROBLEMS = 20;

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return available == expected && problems.isEmpty();
    }

    public void print(PrintStream out) {
        out.printf("catalog: %d of %d recordings available, %d with problems%n", available, expected, problems.size());
        problems.stream().limit(PRINTED_PROBLEMS).forEach(problem -> out.println("         " + problem));
        if (problems.size() > PRINTED_PROBLEMS) {
            out.printf("         ... and %d more%n", problems.size() - PRINTED_PROBLEMS);
        }
        out.println("stop->available latency: " + latency);
        out.println("stop->storedAt (the catalog's stamp): " + catalogLatency);
    }
}
