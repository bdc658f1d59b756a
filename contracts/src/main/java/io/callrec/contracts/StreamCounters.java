package io.callrec.contracts;

/**
 * Packet counters rtp-ingest keeps for one recording, sent with its end-of-stream batch.
 *
 * @param received    valid RTP packets from the phone, forwarded to Kafka
 * @param invalid     datagrams that were not valid RTP for this recording
 * @param wrongSource datagrams from any address other than the phone's
 * @param duplicates  packets whose (SSRC, sequence) was seen just before
 * @param dropped     valid packets that could not be buffered while Kafka was unavailable
 */
public record StreamCounters(long received, long invalid, long wrongSource, long duplicates, long dropped) {
    public static final StreamCounters NONE = new StreamCounters(0, 0, 0, 0, 0);
}
