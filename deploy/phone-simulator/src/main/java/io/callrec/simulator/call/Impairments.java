package io.callrec.simulator.call;

/**
 * What the simulated network and phone do wrong during one call. The per-packet choices are drawn
 * from the call's seed, so the same plan always loses, reorders and duplicates the same packets.
 *
 * @param lossPercent          chance, per packet, that it is never sent
 * @param reorderPercent       chance, per packet, that it is held back one packet interval and sent
 *                             after its successor
 * @param duplicatePercent     chance, per packet, that it is sent twice in a row
 * @param ssrcChangeAtMillis   media time at which the phone switches to a new SSRC, sequence and
 *                             timestamp base (as after a hold or transfer); {@link #NO_SSRC_CHANGE}
 *                             for none
 * @param dropTcpInsteadOfStop end the call by closing the control connection abruptly, without a
 *                             stop request
 */
public record Impairments(double lossPercent, double reorderPercent, double duplicatePercent,
                          long ssrcChangeAtMillis, boolean dropTcpInsteadOfStop) {

    public static final long NO_SSRC_CHANGE = -1;

    /** A clean call ended by a stop request. */
    public static final Impairments NONE = new Impairments(0, 0, 0, NO_SSRC_CHANGE, false);

    public Impairments {
        requirePercent("lossPercent", lossPercent);
        requirePercent("reorderPercent", reorderPercent);
        requirePercent("duplicatePercent", duplicatePercent);
        if (ssrcChangeAtMillis < NO_SSRC_CHANGE) {
            throw new IllegalArgumentException("ssrcChangeAtMillis must be >= 0, or NO_SSRC_CHANGE");
        }
    }

    public Impairments withLoss(double percent) {
        return new Impairments(percent, reorderPercent, duplicatePercent, ssrcChangeAtMillis, dropTcpInsteadOfStop);
    }

    public Impairments withReorder(double percent) {
        return new Impairments(lossPercent, percent, duplicatePercent, ssrcChangeAtMillis, dropTcpInsteadOfStop);
    }

    public Impairments withDuplicates(double percent) {
        return new Impairments(lossPercent, reorderPercent, percent, ssrcChangeAtMillis, dropTcpInsteadOfStop);
    }

    public Impairments withSsrcChangeAt(long millis) {
        return new Impairments(lossPercent, reorderPercent, duplicatePercent, millis, dropTcpInsteadOfStop);
    }

    public Impairments withTcpDrop(boolean drop) {
        return new Impairments(lossPercent, reorderPercent, duplicatePercent, ssrcChangeAtMillis, drop);
    }

    public boolean changesSsrc() {
        return ssrcChangeAtMillis != NO_SSRC_CHANGE;
    }

    private static void requirePercent(String name, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(name + " must be within 0..100, was " + value);
        }
    }
}
