package io.callrec.gateway.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Responses to a request (RFC 3261 8.2.6.2): Via, From, Call-ID, CSeq and Record-Route copied, To given our tag if it
 * had none.
 */
public final class SipResponses {
    private static final byte[] NO_BODY = new byte[0];

    private SipResponses() {
    }

    public static SipMessage of(SipMessage request, int status, String reason, String toTag) {
        return of(request, status, reason, toTag, List.of(), NO_BODY);
    }

    /** 416 (RFC 3261 21.4.12): the Request-URI's scheme is one we do not serve as it came. */
    public static SipMessage unsupportedUriScheme(SipMessage request) {
        return of(request, 416, "Unsupported URI Scheme", null);
    }

    /** @param toTag our dialog tag, added to To unless the request's To has one already (or null: none added) */
    public static SipMessage of(SipMessage request, int status, String reason, String toTag,
                                List<SipMessage.Header> extra, byte[] body) {
        List<SipMessage.Header> headers = new ArrayList<>(8 + extra.size());
        for (SipMessage.Header header : request.headers()) {
            switch (header.name()) {
                // Record-Route: a response creating a dialog must copy it in order (12.1.1); others ignore it.
                case "via", "from", "call-id", "cseq", "record-route" -> headers.add(header);
                case "to" -> headers.add(toTag == null || request.toTag() != null ? header
                        : new SipMessage.Header("to", header.value() + ";tag=" + toTag));
                default -> { }
            }
        }
        headers.addAll(extra);
        return SipMessage.response(status, reason, headers, body);
    }
}
