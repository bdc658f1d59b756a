package io.callrec.simulator.load;

import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.call.StreamStats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Counts what the calls of a run did, updated by many control threads at once. */
final class LoadTally {
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, LongAdder> failureReasons = new ConcurrentHashMap<>();
    private final LongAdder packets = new LongAdder();
    private final LongAdder datagrams = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder reordered = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder lateSends = new LongAdder();
    private final LongAccumulator firstStopNanos = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator lastStopNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);

    void callStarted() {
        started.incrementAndGet();
    }

    void callEnded(SentCall call) {
        if (call.succeeded()) {
            succeeded.incrementAndGet();
        } else {
            failed.incrementAndGet();
            failureReasons.computeIfAbsent(call.failureReason(), reason -> new LongAdder()).increment();
        }
        StreamStats stats = call.stats();
        packets.add(stats.packets());
        datagrams.add(stats.datagrams());
        dropped.add(stats.dropped());
        reordered.add(stats.reordered());
        duplicated.add(stats.duplicated());
        lateSends.add(stats.lateSends());
        if (call.stopNanos() != 0) {
            firstStopNanos.accumulate(call.stopNanos());
            lastStopNanos.accumulate(call.stopNanos());
        }
    }

    int started() {
        return started.get();
    }

    int ended() {
        return succeeded.get() + failed.get();
    }

    int failed() {
        return failed.get();
    }

    LoadSummary summary(long wallNanos) {
        Map<String, Long> reasons = new TreeMap<>();
        failureReasons.forEach((reason, count) -> reasons.put(reason, count.sum()));
        return new LoadSummary(started.get(), succeeded.get(), failed.get(), reasons, packets.sum(),
                datagrams.sum(), dropped.sum(), reordered.sum(), duplicated.sum(), lateSends.sum(), stopsSentOverNanos(),
                wallNanos);
    }

    /** From the first stop sent (or connection dropped) to the last; 0 with fewer than two. */
    private long stopsSentOverNanos() {
        long first = firstStopNanos.get();
        long last = lastStopNanos.get();
        return first < last ? last - first : 0;
    }
}
