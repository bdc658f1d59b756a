package io.callrec.transcoder.audio.imports;

/**
 * Arrival times for frames that never crossed a network: a start time plus the RTP time elapsed
 * since the first frame, so that the same file always gives the same timeline.
 */
final class SyntheticArrivalClock {

    private static final long MICROS_PER_SECOND = 1_000_000;

    private final long startMicros;
    private final int clockRate;
    private boolean started;
    private long lastTimestamp;
    private long elapsedTicks;

    SyntheticArrivalClock(long startMicros, int clockRate) {
        this.startMicros = startMicros;
        this.clockRate = clockRate;
    }

    /** The arrival time of the frame with this 32-bit RTP timestamp, the next in file order. */
    long arrivalMicros(long timestamp) {
        if (started) {
            elapsedTicks += (int) (timestamp - lastTimestamp);    // signed 32-bit step: timestamps wrap
        }
        started = true;
        lastTimestamp = timestamp;
        return startMicros + elapsedTicks / clockRate * MICROS_PER_SECOND
                + elapsedTicks % clockRate * MICROS_PER_SECOND / clockRate;
    }
}
