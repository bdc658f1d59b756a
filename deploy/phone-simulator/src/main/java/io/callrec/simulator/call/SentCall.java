package io.callrec.simulator.call;

import java.util.List;
import java.util.Objects;

/**
 * What a simulated call did.
 *
 * @param plan          the plan it followed
 * @param ending        how it ended
 * @param failureReason why it failed, e.g. {@code start refused: no-capacity}; empty unless FAILED
 * @param stats         counters of its RTP stream ({@link StreamStats#NONE} when it never streamed)
 * @param stopNanos     {@link System#nanoTime()} when the stop was sent or the connection dropped;
 *                      0 when neither happened
 * @param packets       every packet in production order, only when a packet log was asked for
 */
public record SentCall(CallPlan plan, CallEnding ending, String failureReason, StreamStats stats, long stopNanos,
                       List<SentPacket> packets) {

    public SentCall {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(failureReason, "failureReason");
        Objects.requireNonNull(stats, "stats");
        packets = List.copyOf(packets);
    }

    /** A call that failed before it streamed, e.g. because the phone could not connect. */
    public static SentCall failedBeforeStreaming(CallPlan plan, String reason) {
        return new SentCall(plan, CallEnding.FAILED, reason, StreamStats.NONE, 0, List.of());
    }

    public boolean succeeded() {
        return ending != CallEnding.FAILED;
    }
}
