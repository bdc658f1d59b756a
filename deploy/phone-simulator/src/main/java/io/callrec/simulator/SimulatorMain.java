package io.callrec.simulator;

import io.callrec.simulator.catalog.CatalogVerifier;
import io.callrec.simulator.catalog.VerificationReport;
import io.callrec.simulator.load.LoadRun;
import io.callrec.simulator.load.LoadSettings;
import io.callrec.simulator.load.LoadSummary;
import io.callrec.simulator.speech.SpeechSource;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The phone simulator's command line: runs the load, prints the summary, exits 0, 1 or 2. */
public final class SimulatorMain {
    public static final int ALL_GOOD = 0;
    public static final int SOMETHING_FAILED = 1;
    public static final int BAD_COMMAND_LINE = 2;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(List.of(args), System.out, System.err, System.getenv()));
    }

    /** Runs the command line; the summary goes to {@code out}, progress and errors to {@code err}. */
    public static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> environment)
            throws InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args, environment);
        } catch (UsageException e) {
            err.println("phone-simulator: " + e.getMessage());
            err.println("Run with --help for the flags.");
            return BAD_COMMAND_LINE;
        }
        if (options.help()) {
            out.print(SimulatorOptions.USAGE);
            return ALL_GOOD;
        }
        LoadSettings load = options.load();
        out.println(describe(load));
        Optional<CatalogVerifier> verifier = options.verification()
                .map(verification -> new CatalogVerifier(verification.client(), load.runTag(), err));
        try {
            LoadSummary summary = new LoadRun(load, SpeechSource.shipped(), err)
                    .run(call -> verifier.ifPresent(watching -> watching.expect(call)));
            summary.print(out);
            boolean passed = summary.allSucceeded();
            if (verifier.isPresent()) {
                VerificationReport report = verifier.get().awaitAll(options.verification().get().waitAtMost());
                report.print(out);
                passed &= report.passed();
            }
            return passed ? ALL_GOOD : SOMETHING_FAILED;
        } catch (IOException e) {
            err.println("phone-simulator: " + CallRunner.describe(e));
            return SOMETHING_FAILED;
        } finally {
            verifier.ifPresent(CatalogVerifier::close);
        }
    }

    private static String describe(LoadSettings load) {
        return String.format(Locale.ROOT,
                "%d phones x %d calls of %d ms (%s) against %s, ramp-up %d ms, %sx speed, seed %d, run tag %s",
                load.phones(), load.callsPerPhone(), load.callLength().toMillis(),
                load.codecs().stream().map(Enum::name).collect(Collectors.joining(",")),
                load.recorder().getHostString() + ":" + load.recorder().getPort(), load.rampUp().toMillis(),
                load.pacing().accelerate(), load.seed(), load.runTag());
    }
}
