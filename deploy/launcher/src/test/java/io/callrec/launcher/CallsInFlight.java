package io.callrec.launcher;

import io.callrec.simulator.CallRunner;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.control.SimulatedPhone;
import io.callrec.simulator.rtp.Pacing;
import io.callrec.simulator.rtp.RtpSender;
import io.callrec.simulator.speech.SpeechSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Simulated phones, one per plan, all calling a running system at once in real time; every packet is logged. */
final class CallsInFlight implements AutoCloseable {
    private final RtpSender sender;
    private final ExecutorService control;
    private final List<SimulatedPhone> phones = new ArrayList<>();
    private final List<CompletableFuture<SentCall>> calls = new ArrayList<>();

    private CallsInFlight(RtpSender sender, ExecutorService control) {
        this.sender = sender;
        this.control = control;
    }

    static CallsInFlight start(CallrecSystem system, List<CallPlan> plans) throws IOException {
        InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", system.options().controlPort());
        CallsInFlight inFlight = new CallsInFlight(RtpSender.start(Pacing.realTime()),
                Executors.newFixedThreadPool(plans.size()));
        CallRunner runner = new CallRunner(inFlight.sender, SpeechSource.shipped(), inFlight.control);
        try {
            for (CallPlan plan : plans) {
                SimulatedPhone phone = SimulatedPhone.connect(gateway);
                inFlight.phones.add(phone);
                inFlight.calls.add(runner.run(phone, plan, true));
            }
        } catch (IOException | RuntimeException e) {
            inFlight.close();
            throw e;
        }
        return inFlight;
    }

    /** Every call's outcome, in the order of the plans, once all have ended. */
    List<SentCall> awaitAll(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<SentCall> sent = new ArrayList<>();
        for (CompletableFuture<SentCall> call : calls) {
            sent.add(call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        }
        return sent;
    }

    @Override
    public void close() throws IOException {
        for (SimulatedPhone phone : phones) {
            phone.close();
        }
        control.shutdownNow();
        sender.close();
    }
}
