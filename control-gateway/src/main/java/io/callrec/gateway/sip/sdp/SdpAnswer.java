package io.callrec.gateway.sip.sdp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Our answer (RFC 3264): one {@code m=} line per offered one, same order; accepted streams {@code a=recvonly} (or
 * {@code a=inactive} while the client sends nothing) at the ingest's address with the chosen codec, labels echoed;
 * refused ones port 0 with the offered formats.
 */
public final class SdpAnswer {
    private SdpAnswer() {
    }

    /** @param version grows by one with every answer in the dialog (RFC 3264 8: o= version) */
    public static byte[] build(List<AnsweredStream> streams, long sessionId, long version) {
        String origin = streams.stream().filter(AnsweredStream::accepted).map(AnsweredStream::host).findFirst()
                .orElse("0.0.0.0");
        StringBuilder sdp = new StringBuilder(256 + streams.size() * 128);
        sdp.append("v=0\r\n")
                .append("o=callrec ").append(sessionId).append(' ').append(version).append(' ')
                .append(ipFamily(origin)).append(' ').append(origin).append("\r\n")
                .append("s=callrec\r\n")
                .append("t=0 0\r\n");
        for (AnsweredStream stream : streams) {
            OfferedStream offer = stream.offer();
            if (stream.accepted()) {
                int payloadType = stream.codec().payloadType();
                sdp.append("m=").append(offer.media()).append(' ').append(stream.port()).append(' ')
                        .append(offer.protocol()).append(' ').append(payloadType).append("\r\n")
                        .append("c=").append(ipFamily(stream.host())).append(' ').append(stream.host()).append("\r\n")
                        .append("a=rtpmap:").append(payloadType).append(' ').append(stream.codec().name()).append('/')
                        .append(stream.codec().rtpClockRate()).append("\r\n");
            } else {
                sdp.append("m=").append(offer.media()).append(" 0 ").append(offer.protocol()).append(' ')
                        .append(String.join(" ", offer.formats())).append("\r\n");
            }
            if (offer.label() != null) {
                sdp.append("a=label:").append(offer.label()).append("\r\n");
            }
            // We only receive; an offer that sends nothing (a hold) is answered inactive (RFC 3264 6.1).
            boolean sending = "sendonly".equals(offer.direction()) || "sendrecv".equals(offer.direction());
            sdp.append(stream.accepted() && sending ? "a=recvonly\r\n" : "a=inactive\r\n");
        }
        return sdp.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String ipFamily(String address) {
        return address.indexOf(':') >= 0 ? "IN IP6" : "IN IP4";
    }
}
