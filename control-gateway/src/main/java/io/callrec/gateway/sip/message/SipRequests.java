package io.callrec.gateway.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Requests the server sends inside a dialog it accepted (RFC 3261 12.2.1.1): the INVITE's To, with our tag, is
 * our From; its From is our To; the remote target is its Contact; the route set is its Record-Route.
 */
public final class SipRequests {
    private static final byte[] NO_BODY = new byte[0];

    private SipRequests() {
    }

    /**
     * A BYE ending the dialog that {@code invite} opened.
     *
     * @param localTag  our To tag of the dialog
     * @param transport {@code UDP}, {@code TCP} or {@code TLS}, for our Via
     * @param cseq      our CSeq number in the dialog (we send no other request, so any)
     */
    public static SipMessage bye(SipMessage invite, String localTag, String transport, long cseq) {
        String contact = invite.header("contact");
        String target = contact != null ? HeaderValues.uri(contact) : invite.requestUri();
        String to = invite.header("to");
        List<SipMessage.Header> headers = new ArrayList<>(List.of(
                new SipMessage.Header("via", "SIP/2.0/" + transport + " " + sentBy(invite.requestUri())
                        + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "")),
                new SipMessage.Header("max-forwards", "70"),
                new SipMessage.Header("from", invite.toTag() != null ? to : to + ";tag=" + localTag),
                new SipMessage.Header("to", invite.header("from")),
                new SipMessage.Header("call-id", invite.callId()),
                new SipMessage.Header("cseq", cseq + " BYE")));
        // The dialog's route set (12.1.1: the INVITE's Record-Route in order), for loose routers; the RFC 2543
        // strict routing, where the first route would become the Request-URI, is not supported.
        for (String route : invite.headerValues("record-route")) {
            headers.add(new SipMessage.Header("route", route));
        }
        return SipMessage.request("BYE", target, headers, NO_BODY);
    }

    /** Our host and port as the client addressed us: the host part of the INVITE's Request-URI. */
    private static String sentBy(String requestUri) {
        String uri = HeaderValues.uri(requestUri);
        int colon = uri.indexOf(':');
        String rest = uri.substring(colon + 1);
        int at = rest.indexOf('@');
        String hostPort = at < 0 ? rest : rest.substring(at + 1);
        int end = hostPort.indexOf(';');
        return end < 0 ? hostPort : hostPort.substring(0, end);
    }
}
