package io.callrec.simulator.load;

import io.callrec.contracts.Codec;
import io.callrec.simulator.rtp.Pacing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a load run does.
 *
 * @param recorder          the recorder's control address
 * @param phones            simulated phones, each with its own control connection
 * @param callsPerPhone     calls each phone makes one after the other on its connection
 * @param callLength        media length of every call
 * @param rampUp            phones start evenly spread over this simulated time
 * @param codecs            phone {@code i} uses {@code codecs[i % size]}; repeat one to weight it
 * @param pacing            real time or accelerated
 * @param lossPercent       per-packet loss chance
 * @param reorderPercent    per-packet reorder chance
 * @param duplicatePercent  per-packet duplicate chance
 * @param ssrcChangePercent share of calls that change SSRC halfway through
 * @param dropTcpPercent    share of calls that end by dropping the control connection
 * @param seed              decides every random choice except identities
 * @param runTag            unique per run, put in every remote name so that this run's
 *                          recordings can be found in the catalog
 */
public record LoadSettings(InetSocketAddress recorder, int phones, int callsPerPhone, Duration callLength,
                           Duration rampUp, List<Codec> codecs, Pacing pacing, double lossPercent,
                           double reorderPercent, double duplicatePercent, double ssrcChangePercent,
                           double dropTcpPercent, long seed, String runTag) {

    public LoadSettings {
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(callLength, "callLength");
        Objects.requireNonNull(rampUp, "rampUp");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(runTag, "runTag");
        codecs = List.copyOf(codecs);
        if (phones < 1 || callsPerPhone < 1) {
            throw new IllegalArgumentException("phones and callsPerPhone must be at least 1");
        }
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("codecs must not be empty");
        }
        if (rampUp.isNegative()) {
            throw new IllegalArgumentException("rampUp must not be negative");
        }
    }

    public int totalCalls() {
        return Math.multiplyExact(phones, callsPerPhone);
    }
}
