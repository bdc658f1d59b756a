package io.callrec.gateway.sip.sdp;

import io.callrec.contracts.Codec;

/**
 * Our side of one offered stream: where the ingest listens, or refused (port 0, codec null).
 *
 * @param host where the stream's RTP goes (the ingest's address); null when refused
 */
public record AnsweredStream(OfferedStream offer, Codec codec, String host, int port) {

    public static AnsweredStream refused(OfferedStream offer) {
        return new AnsweredStream(offer, null, null, 0);
    }

    public boolean accepted() {
        return codec != null;
    }
}
