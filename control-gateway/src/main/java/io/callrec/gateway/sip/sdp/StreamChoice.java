package io.callrec.gateway.sip.sdp;

import io.callrec.contracts.Codec;
import java.util.Optional;

/**
 * Which codec we record an offered stream in: plain RTP (no SRTP, which we cannot decrypt) audio carrying PCMA,
 * PCMU or G722 under its static payload type; the first such format in the offer's order wins. Telephone events and
 * anything else are not chosen (the ingest drops them as other payload types anyway).
 */
public final class StreamChoice {
    private StreamChoice() {
    }

    public static Optional<Codec> codec(OfferedStream stream) {
        if (!"audio".equals(stream.media()) || !"RTP/AVP".equalsIgnoreCase(stream.protocol())) {
            return Optional.empty();
        }
        for (String format : stream.formats()) {
            int payloadType;
            try {
                payloadType = Integer.parseInt(format);
            } catch (NumberFormatException e) {
                continue;
            }
            Optional<Codec> codec = Codec.byPayloadType(payloadType);
            String mapped = stream.encodings().get(format);
            if (codec.isPresent() && (mapped == null || mapped.equals(codec.get().name()))) {
                return codec;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the stream still offers this codec (a re-INVITE may reorder or change its formats; a recorded
     * stream keeps the codec it started with).
     */
    public static boolean offers(OfferedStream stream, Codec codec) {
        if (!"audio".equals(stream.media()) || !"RTP/AVP".equalsIgnoreCase(stream.protocol()) || stream.port() == 0) {
            return false;
        }
        String payloadType = String.valueOf(codec.payloadType());
        String mapped = stream.encodings().get(payloadType);
        return stream.formats().contains(payloadType) && (mapped == null || mapped.equals(codec.name()));
    }
}
