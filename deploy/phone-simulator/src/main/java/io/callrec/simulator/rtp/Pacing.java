package io.callrec.simulator.rtp;

import io.callrec.simulator.call.CallPlan;

import java.util.concurrent.TimeUnit;

/**
 * How fast simulated time runs: 1 is real time (a packet every 20 ms per call), 10 sends ten
 * times as fast. Call lengths and ramp-up are simulated time; wall time is that divided by the
 * factor.
 *
 * @param accelerate the speed-up factor, above 0 and at most {@link #MAX_ACCELERATE}
 */
public record Pacing(double accelerate) {
    public static final double MAX_ACCELERATE = 100;

    /** The scheduler cannot wake up more precisely than this, so no lateness below it counts. */
    private static final long MIN_LATE_THRESHOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    public Pacing {
        if (!(accelerate > 0 && accelerate <= MAX_ACCELERATE)) {
            throw new IllegalArgumentException("accelerate must be above 0 and at most " + MAX_ACCELERATE + ", was " + accelerate);
        }
    }

    public static Pacing realTime() {
        return new Pacing(1);
    }

    /** Wall time between two packets of one call. */
    public long packetIntervalNanos() {
        return wallNanos(CallPlan.PACKET_MILLIS);
    }

    /** Wall time that {@code simulatedMillis} of simulated time takes. */
    public long wallNanos(long simulatedMillis) {
        return Math.round(TimeUnit.MILLISECONDS.toNanos(simulatedMillis) / accelerate);
    }

    /**
     * A send is late when it leaves more than a quarter packet interval after it was due (5 ms in
     * real time): a phone's jitter would not exceed that.
     */
    public long lateThresholdNanos() {
        return Math.max(packetIntervalNanos() / 4, MIN_LATE_THRESHOLD_NANOS);
    }
}
