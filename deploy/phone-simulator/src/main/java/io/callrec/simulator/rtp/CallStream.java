package io.callrec.simulator.rtp;

import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentPacket;
import io.callrec.simulator.call.StreamStats;
import io.callrec.simulator.speech.SpeechClip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The RTP stream of one call: its header state, the speech it loops and the impairments it
 * applies. {@link #sendNext} is called once per packet interval by the sender's scheduler thread
 * only, so nothing here is shared.
 */
final class CallStream {
    private static final long UINT32_MASK = 0xFFFF_FFFFL;
    private static final int UINT16_MASK = 0xFFFF;

    private final InetSocketAddress target;
    private final SpeechClip clip;
    private final int payloadType;
    private final int timestampStep;
    private final int packetCount;
    private final int ssrcChangeIndex;
    private final double lossChance;
    private final double reorderChance;
    private final double duplicateChance;
    /** Draws the SSRC, sequence and timestamp bases. */
    private final SplittableRandom identities;
    /** Draws the impairment choices, apart from identities so that they do not shift each other. */
    private final SplittableRandom fates;
    private final boolean keepLog;
    private final List<SentPacket> log;
    private final CompletableFuture<StreamResult> result = new CompletableFuture<>();

    private long ssrc;
    private int sequence;
    private long timestamp;
    private boolean marker = true;
    private int nextIndex;

    private boolean holding;
    private int heldIndex;
    private int heldSequence;
    private long heldTimestamp;
    private long heldSsrc;
    private boolean heldMarker;
    private boolean heldDuplicate;

    private int datagrams;
    private int dropped;
    private int reordered;
    private int duplicated;
    private int lateSends;
    private int sendErrors;
    private String firstSendError = "";

    CallStream(CallPlan plan, SpeechClip clip, InetSocketAddress target, boolean keepLog) {
        if (clip.codec() != plan.codec()) {
            throw new IllegalArgumentException("speech is " + clip.codec() + " but the call is " + plan.codec());
        }
        Impairments impairments = plan.impairments();
        this.target = target;
        this.clip = clip;
        this.payloadType = plan.codec().payloadType();
        this.timestampStep = plan.codec().rtpClockRate() * CallPlan.PACKET_MILLIS / 1000;
        this.packetCount = plan.packetCount();
        this.ssrcChangeIndex = impairments.changesSsrc()
                ? Math.toIntExact(impairments.ssrcChangeAtMillis() / CallPlan.PACKET_MILLIS)
                : -1;
        this.lossChance = impairments.lossPercent() / 100;
        this.reorderChance = impairments.reorderPercent() / 100;
        this.duplicateChance = impairments.duplicatePercent() / 100;
        this.identities = new SplittableRandom(plan.seed());
        this.fates = identities.split();
        this.keepLog = keepLog;
        this.log = keepLog ? new ArrayList<>(packetCount) : List.of();
        newSource();
    }

    CompletableFuture<StreamResult> result() {
        return result;
    }

    /**
     * Produces the next packet: drops, holds, duplicates or sends it, and releases a packet held
     * back one interval ago after it.
     *
     * @return whether the call's last packet has been produced
     */
    boolean sendNext(PacketWire wire) {
        int index = nextIndex++;
        if (index == ssrcChangeIndex && index > 0) {
            newSource();
        }
        boolean lost = chance(lossChance);
        boolean duplicate = chance(duplicateChance) && !lost;
        boolean last = index == packetCount - 1;
        boolean hold = chance(reorderChance) && !lost && !holding && !last;

        if (keepLog) {
            log.add(new SentPacket(index, sequence, timestamp, ssrc, marker, clip.frame(index), lost, hold, duplicate));
        }
        if (duplicate) {
            duplicated++;
        }
        boolean releaseHeld = holding;
        if (lost) {
            dropped++;
        } else if (hold) {
            holdBack(index, duplicate);
        } else {
            emit(wire, index, sequence, timestamp, ssrc, marker, duplicate);
        }
        if (releaseHeld) {
            holding = false;
            emit(wire, heldIndex, heldSequence, heldTimestamp, heldSsrc, heldMarker, heldDuplicate);
        }
        sequence = (sequence + 1) & UINT16_MASK;
        timestamp = (timestamp + timestampStep) & UINT32_MASK;
        marker = false;
        return last;
    }

    /** Completes {@link #result()}; called once, after the last packet. */
    void finish() {
        StreamStats stats = new StreamStats(packetCount, datagrams, dropped, reordered, duplicated, lateSends, sendErrors);
        result.complete(new StreamResult(stats, log, firstSendError));
    }

    /** A fresh SSRC with new sequence and timestamp bases; the next packet carries the marker. */
    private void newSource() {
        ssrc = identities.nextLong() & UINT32_MASK;
        sequence = identities.nextInt(UINT16_MASK + 1);
        timestamp = identities.nextLong() & UINT32_MASK;
        marker = true;
    }

    private boolean chance(double probability) {
        // No draw for an impairment that is off, so enabling one does not change another's choices.
        return probability > 0 && fates.nextDouble() < probability;
    }

    private void holdBack(int index, boolean duplicate) {
        holding = true;
        reordered++;
        heldIndex = index;
        heldSequence = sequence;
        heldTimestamp = timestamp;
        heldSsrc = ssrc;
        heldMarker = marker;
        heldDuplicate = duplicate;
    }

    private void emit(PacketWire wire, int index, int seq, long ts, long source, boolean mark, boolean twice) {
        transmit(wire, index, seq, ts, source, mark);
        if (twice) {
            transmit(wire, index, seq, ts, source, mark);
        }
    }

    private void transmit(PacketWire wire, int index, int seq, long ts, long source, boolean mark) {
        try {
            if (wire.send(target, mark, payloadType, seq, ts, source, clip, index)) {
                lateSends++;
            }
            datagrams++;
        } catch (IOException | RuntimeException e) {
            // Counted against this call only: one bad destination must not stop every other stream.
            sendErrors++;
            if (firstSendError.isEmpty()) {
                firstSendError = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            }
        }
    }
}
