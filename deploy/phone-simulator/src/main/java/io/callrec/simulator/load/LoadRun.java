package io.callrec.simulator.load;

import io.callrec.simulator.CallRunner;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.control.SimulatedPhone;
import io.callrec.simulator.rtp.RtpSender;
import io.callrec.simulator.speech.SpeechSource;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs many simulated phones against a recorder: phones connect spread over the ramp-up, each
 * makes its calls one after the other on its own control connection, and a progress line is
 * printed every second. Runs once.
 */
public final class LoadRun {
    /**
     * Threads for the blocking start exchanges and the waits for stop answers. Each takes a round
     * trip, so this many keep up with thousands of phones unless the recorder answers slowly; the
     * stops themselves leave from the RTP sender's thread, never waiting for one of these.
     */
    private static final int CONTROL_THREADS = 64;

    private final LoadSettings settings;
    private final SpeechSource speech;
    private final PrintStream progress;
    private final CallPlanner planner;
    private final LoadTally tally = new LoadTally();
    private final CountDownLatch callsEnded;

    private CallRunner runner;
    private Consumer<SentCall> onCallEnded;

    /** @param progress where the progress lines go, usually standard error */
    public LoadRun(LoadSettings settings, SpeechSource speech, PrintStream progress) {
        this.settings = settings;
        this.speech = speech;
        this.progress = progress;
        this.planner = new CallPlanner(settings);
        this.callsEnded = new CountDownLatch(settings.totalCalls());
    }

    /**
     * Runs every call and waits for all to end.
     *
     * @param onCallEnded told about each call as it ends, e.g. a {@code CatalogVerifier}; called
     *                    from several threads
     */
    public LoadSummary run(Consumer<SentCall> onCallEnded) throws IOException, InterruptedException {
        this.onCallEnded = onCallEnded;
        long startNanos = System.nanoTime();
        ScheduledThreadPoolExecutor control = new ScheduledThreadPoolExecutor(CONTROL_THREADS, daemonThreads("phone-control"));
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(daemonThreads("progress"));
        try (RtpSender sender = RtpSender.start(settings.pacing())) {
            runner = new CallRunner(sender, speech, control);
            long rampNanos = settings.pacing().wallNanos(settings.rampUp().toMillis());
            for (int phone = 0; phone < settings.phones(); phone++) {
                int number = phone;
                control.schedule(() -> connectAndCall(number, 0), rampNanos * phone / settings.phones(), TimeUnit.NANOSECONDS);
            }
            reporter.scheduleAtFixedRate(new ProgressLine(progress, tally, sender), 1, 1, TimeUnit.SECONDS);
            callsEnded.await();
        } finally {
            reporter.shutdownNow();
            control.shutdownNow();
        }
        return tally.summary(System.nanoTime() - startNanos);
    }

    /** Connects phone {@code phone} and makes its calls from {@code firstCall} on. */
    private void connectAndCall(int phone, int firstCall) {
        SimulatedPhone connection;
        try {
            connection = SimulatedPhone.connect(settings.recorder());
        } catch (IOException e) {
            String reason = "connect failed: " + CallRunner.describe(e);
            for (int call = firstCall; call < settings.callsPerPhone(); call++) {
                tally.callStarted();
                ended(SentCall.failedBeforeStreaming(planner.plan(phone, call), reason));
            }
            return;
        }
        call(phone, connection, firstCall);
    }

    private void call(int phone, SimulatedPhone connection, int call) {
        CallPlan plan = planner.plan(phone, call);
        tally.callStarted();
        runner.run(connection, plan, false).whenComplete((sent, error) -> {
            SentCall outcome = sent != null ? sent : SentCall.failedBeforeStreaming(plan, CallRunner.describe(error));
            boolean more = call + 1 < settings.callsPerPhone();
            boolean reuse = more && outcome.succeeded() && connection.isOpen();
            if (!reuse) {
                // Closed before the call counts as ended, so that nothing is left open when the run returns.
                closeQuietly(connection);
            }
            ended(outcome);
            if (reuse) {
                call(phone, connection, call + 1);
            } else if (more) {
                // After a dropped or failed call the phone connects again, as a real one would.
                connectAndCall(phone, call + 1);
            }
        });
    }

    private void ended(SentCall call) {
        try {
            tally.callEnded(call);
            onCallEnded.accept(call);
        } finally {
            callsEnded.countDown();
        }
    }

    private static void closeQuietly(SimulatedPhone connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // Nothing left to do with this connection; the next call opens a new one.
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
