package io.callrec.gateway.sip.sdp;

import java.util.List;
import java.util.Map;

/**
 * One {@code m=} line of an offer.
 *
 * @param media      {@code audio}, {@code video}, ...
 * @param port       0 when the stream is disabled
 * @param protocol   {@code RTP/AVP}, {@code RTP/SAVP}, ...
 * @param formats    payload types (or format names) as offered, in order
 * @param label      {@code a=label}, null when absent (SIPREC ties metadata to streams by it)
 * @param address    the connection address (media level, else session level); null when none
 * @param direction  {@code sendrecv} (default), {@code sendonly}, {@code recvonly} or {@code inactive}
 * @param encodings  payload type to encoding name (upper case) from {@code a=rtpmap}
 */
public record OfferedStream(String media, int port, String protocol, List<String> formats, String label,
                            String address, String direction, Map<String, String> encodings) {

    /** On hold or not sending: {@code inactive}, {@code recvonly} from the sender's side, or {@code c=0.0.0.0}. */
    public boolean silent() {
        return port == 0 || "inactive".equals(direction) || "recvonly".equals(direction)
                || "0.0.0.0".equals(address);
    }
}
