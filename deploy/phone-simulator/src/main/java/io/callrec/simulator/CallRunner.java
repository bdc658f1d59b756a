package io.callrec.simulator;

import io.callrec.simulator.call.CallEnding;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.call.SentPacket;
import io.callrec.simulator.call.StreamStats;
import io.callrec.simulator.control.SimulatedPhone;
import io.callrec.simulator.control.StartAnswer;
import io.callrec.simulator.rtp.RtpSender;
import io.callrec.simulator.rtp.StreamResult;
import io.callrec.simulator.speech.SpeechSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Plays one call on a phone: start request, RTP for the call's length, then a stop request or an
 * abrupt connection drop. The RTP runs on the sender's scheduler, which also sends the stop the
 * moment the stream ends (a line written, not an exchange), so calls planned to end in the same
 * second send their stops in that second. The blocking parts, the start exchange and the wait for
 * the stop's answer, run on {@code controlExecutor}, so thousands of calls need only a few control
 * threads.
 */
public final class CallRunner {
    private final RtpSender sender;
    private final SpeechSource speech;
    private final Executor controlExecutor;

    /**
     * @param controlExecutor runs the blocking start and stop exchanges; its threads may block for
     *                        up to {@link SimulatedPhone#ANSWER_TIMEOUT}
     */
    public CallRunner(RtpSender sender, SpeechSource speech, Executor controlExecutor) {
        this.sender = sender;
        this.speech = speech;
        this.controlExecutor = controlExecutor;
    }

    /**
     * Plays {@code plan} on {@code phone}, which must not be in another call meanwhile.
     *
     * @param keepLog record every packet with its payload in {@link SentCall#packets()}
     * @return the call's outcome; it never completes exceptionally for a call that went wrong,
     * which is reported in {@link SentCall#failureReason()} instead
     */
    public CompletableFuture<SentCall> run(SimulatedPhone phone, CallPlan plan, boolean keepLog) {
        CompletableFuture<SentCall> call = new CompletableFuture<>();
        controlExecutor.execute(() -> {
            try {
                start(phone, plan, keepLog, call);
            } catch (RuntimeException e) {
                call.completeExceptionally(e);
            }
        });
        return call;
    }

    /**
     * A short description of what went wrong, for failure reasons: the first message in the cause
     * chain, else the exception's name.
     */
    public static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !(cause instanceof CompletionException)) {
                return cause.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }

    private void start(SimulatedPhone phone, CallPlan plan, boolean keepLog, CompletableFuture<SentCall> call) {
        StartAnswer answer;
        try {
            answer = phone.start(plan);
        } catch (IOException e) {
            call.complete(SentCall.failedBeforeStreaming(plan, "start failed: " + describe(e)));
            return;
        }
        if (!answer.accepted()) {
            call.complete(SentCall.failedBeforeStreaming(plan, "start refused: " + answer.reason()));
            return;
        }
        InetSocketAddress target = answer.rtpTarget();
        if (target.isUnresolved()) {
            String reason = "cannot resolve RTP server " + answer.server();
            hangUp(phone, plan, new StreamResult(StreamStats.NONE, List.of(), reason), null, call);
            return;
        }
        sender.stream(plan, speech.clip(plan.codec()), target, keepLog)
                .whenComplete((result, error) -> hangUp(phone, plan, result, error, call));
    }

    /**
     * Ends the call as planned, even after a failed stream, so the recorder does not keep it open: sends the stop
     * or drops the connection at once, then leaves the wait for the stop's answer to the control executor.
     */
    private void hangUp(SimulatedPhone phone, CallPlan plan, StreamResult result, Throwable streamError,
                        CompletableFuture<SentCall> call) {
        HangUp hangUp = sendHangUp(phone, plan);
        controlExecutor.execute(() -> call.complete(outcome(phone, plan, result, streamError, hangUp)));
    }

    private static HangUp sendHangUp(SimulatedPhone phone, CallPlan plan) {
        long stopNanos = System.nanoTime();
        try {
            if (plan.impairments().dropTcpInsteadOfStop()) {
                phone.dropConnection();
                return new HangUp(CallEnding.TCP_DROPPED, "", stopNanos);
            }
            phone.sendStop(plan);
            return new HangUp(CallEnding.STOPPED, "", stopNanos);
        } catch (IOException e) {
            return new HangUp(CallEnding.FAILED, "stop failed: " + describe(e), stopNanos);
        }
    }

    /** Awaits the stop's answer, if a stop was sent, and tells how the call went. */
    private SentCall outcome(SimulatedPhone phone, CallPlan plan, StreamResult result, Throwable streamError,
                             HangUp hangUp) {
        StreamStats stats = result != null ? result.stats() : StreamStats.NONE;
        List<SentPacket> packets = result != null ? result.packets() : List.of();
        CallEnding ending = hangUp.ending();
        String failure = hangUp.failure();
        if (ending == CallEnding.STOPPED) {
            try {
                phone.awaitStopAnswer(plan);
            } catch (IOException e) {
                ending = CallEnding.FAILED;
                failure = "stop failed: " + describe(e);
            }
        }
        if (streamError != null) {
            ending = CallEnding.FAILED;
            failure = "RTP stream aborted: " + describe(streamError);
        } else if (!result.firstSendError().isEmpty()) {
            ending = CallEnding.FAILED;
            failure = "RTP send failed: " + result.firstSendError();
        }
        return new SentCall(plan, ending, failure, stats, hangUp.stopNanos(), packets);
    }

    /** How the call was ended, and when: the stop sent (its answer still to come) or the connection dropped. */
    private record HangUp(CallEnding ending, String failure, long stopNanos) {
    }
}
