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
}
