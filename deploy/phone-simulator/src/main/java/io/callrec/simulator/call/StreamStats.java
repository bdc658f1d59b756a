package io.callrec.simulator.call;

/**
 * Counters of one call's RTP stream.
 *
 * @param packets    packets the call consisted of (sent or dropped)
 * @param datagrams  datagrams actually sent, duplicates included
 * @param dropped    packets not sent because of simulated loss
 * @param reordered  packets sent after their successor
 * @param duplicated packets sent twice
 * @param lateSends  datagrams sent later than the pacing allows (see {@code RtpSender})
 * @param sendErrors datagrams the operating system refused
 */
public record StreamStats(int packets, int datagrams, int dropped, int reordered, int duplicated, int lateSends,
                          int sendErrors) {

    public static final StreamStats NONE = new StreamStats(0, 0, 0, 0, 0, 0, 0);

    /** Distinct packets that left the phone. */
    public int deliveredPackets() {
        return packets - dropped;
    }
}
