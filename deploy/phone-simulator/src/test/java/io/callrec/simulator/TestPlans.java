package io.callrec.simulator;

import io.callrec.contracts.Codec;
import io.callrec.contracts.CallDirection;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;

/** Call plans for tests. */
public final class TestPlans {
    private TestPlans() {
    }

    public static CallPlan plan(Codec codec, long durationMillis) {
        return plan(codec, durationMillis, Impairments.NONE, 42);
    }

    public static CallPlan plan(Codec codec, long durationMillis, Impairments impairments, long seed) {
        return new CallPlan("a1b2c3d4", "0c:38:3e:00:00:01", codec, CallDirection.OUT,
                new CallParties("2001", "Alice", "+81355501234", "Bob"), durationMillis, impairments, seed);
    }
}
