package io.callrec.benchmarks;

import io.callrec.contracts.Codec;
import java.time.Duration;
import java.util.List;

/**
 * How the phones of a system-benchmark step call. With the default pattern (ramp-up as long as a call, two calls
 * per phone back to back) every phone is in a call from the end of the ramp-up until its first call ends plus a
 * call, and calls end at a steady rate (phones / call length per second) instead of all at once.
 *
 * @param callLength    media length of every call
 * @param rampUp        the phones' first calls start spread over this time
 * @param callsPerPhone calls each phone makes, one after the other
 * @param codecs        phone {@code i} uses {@code codecs[i % size]}
 */
record CallPattern(Duration callLength, Duration rampUp, int callsPerPhone, List<Codec> codecs) {

    CallPattern {
        codecs = List.copyOf(codecs);
        // The heaps are probed at allCalling(): the phone that started first must still be in a call then.
        if (rampUp.plus(callLength.dividedBy(2)).compareTo(callLength.multipliedBy(callsPerPhone)) >= 0) {
            throw new IllegalArgumentException("--ramp-up must be shorter than --calls-per-phone calls less half a "
                    + "call, so that every phone is in a call at some point");
        }
    }

    /** A moment when every phone is in a call: half a call after the last phone started. */
    Duration allCalling() {
        return rampUp.plus(callLength.dividedBy(2));
    }

    @Override
    public String toString() {
        return String.format("%d call(s) of %d s per phone, first calls spread over %d s, codecs %s", callsPerPhone,
                callLength.toSeconds(), rampUp.toSeconds(), codecs);
    }
}
