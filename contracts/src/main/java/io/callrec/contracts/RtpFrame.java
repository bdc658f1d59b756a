package io.callrec.contracts;

/**
 * One RTP packet as received: header fields the timeline needs, the arrival time and the payload
 * (after the RTP header, CSRCs, extension and padding are removed).
 *
 * @param sequence      16-bit RTP sequence number (0..65535)
 * @param timestamp     32-bit RTP timestamp (0..2^32-1)
 * @param payloadType   7-bit RTP payload type
 * @param marker        the RTP marker bit
 * @param ssrc          32-bit synchronisation source (0..2^32-1)
 * @param arrivalMicros arrival time, microseconds since the epoch
 * @param payload       codec payload
 */
public record RtpFrame(int sequence, long timestamp, int payloadType, boolean marker, long ssrc,
                       long arrivalMicros, byte[] payload) {
}
