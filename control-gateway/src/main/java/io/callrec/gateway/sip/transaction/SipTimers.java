package io.callrec.gateway.sip.transaction;

import io.callrec.gateway.config.SipConfig;

/** RFC 3261 timers: T1, T2, and 64*T1, how long a transaction is kept after its final response. */
public record SipTimers(long t1Millis, long t2Millis) {
    static SipTimers of(SipConfig config) {
        return new SipTimers(config.t1().toMillis(), config.t2().toMillis());
    }

    public long lifetimeMillis() {
        return 64 * t1Millis;
    }
}
