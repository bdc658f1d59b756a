package io.callrec.simulator.call;

/**
 * One packet of a call, in the order the phone produced them, and what became of it. Sequence and
 * timestamp advance for dropped packets too, as they would on a real network.
 *
 * @param index      position in the call, from 0
 * @param sequence   16-bit RTP sequence number
 * @param timestamp  32-bit RTP timestamp
 * @param ssrc       32-bit RTP SSRC
 * @param marker     the RTP marker bit (first packet of the call and after an SSRC change)
 * @param payload    the encoded audio, {@code 160} bytes
 * @param dropped    never sent
 * @param reordered  held back one packet interval, so sent after its successor (when that was sent)
 * @param duplicated sent twice
 */
public record SentPacket(int index, int sequence, long timestamp, long ssrc, boolean marker, byte[] payload,
                         boolean dropped, boolean reordered, boolean duplicated) {
}
