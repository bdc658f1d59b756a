package io.callrec.gateway.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One SIP request or response (RFC 3261 section 7). Header names are kept in their full, lower-case form
 * (compact forms such as {@code i} or {@code v} are expanded); values keep their order and spelling.
 */
public final class SipMessage {
    private final String method;
    private final String requestUri;
    private final int status;
    private final String reason;
    private final List<Header> headers;
    private final byte[] body;

    /** One header line; {@code name} is lower case. */
    public record Header(String name, String value) {
    }

    private SipMessage(String method, String requestUri, int status, String reason, List<Header> headers,
                       byte[] body) {
        this.method = method;
        this.requestUri = requestUri;
        this.status = status;
        this.reason = reason;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    public static SipMessage request(String method, String requestUri, List<Header> headers, byte[] body) {
        return new SipMessage(method, requestUri, 0, null, headers, body);
    }

    public static SipMessage response(int status, String reason, List<Header> headers, byte[] body) {
        return new SipMessage(null, null, status, reason, headers, body);
    }

    public boolean isRequest() {
        return method != null;
    }

    /** The request's method in upper case; null for a response. */
    public String method() {
        return method;
    }

    public String requestUri() {
        return requestUri;
    }

    /** The response's status code; 0 for a request. */
    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public List<Header> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    /** The first value of the header, or null. */
    public String header(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Header header : headers) {
            if (header.name.equals(wanted)) {
                return header.value;
            }
        }
        return null;
    }

    /** Every value of the header in order, comma-separated values of one line split apart. */
    public List<String> headerValues(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name.equals(wanted)) {
                for (String part : HeaderValues.splitCommas(header.value)) {
                    values.add(part);
                }
            }
        }
        return values;
    }

    public String callId() {
        return header("call-id");
    }

    /** The CSeq number; -1 when missing or unreadable (the parser refuses such requests). */
    public long cseqNumber() {
        String cseq = header("cseq");
        if (cseq == null) {
            return -1;
        }
        try {
            return Long.parseLong(cseq.trim().split("\\s+", 2)[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The method named in CSeq, upper case; null when missing. */
    public String cseqMethod() {
        String cseq = header("cseq");
        String[] parts = cseq == null ? new String[0] : cseq.trim().split("\\s+", 2);
        return parts.length == 2 ? parts[1].trim().toUpperCase(Locale.ROOT) : null;
    }

    /** The top Via's {@code branch} parameter; null when absent. */
    public String topViaBranch() {
        List<String> vias = headerValues("via");
        return vias.isEmpty() ? null : HeaderValues.parameter(vias.get(0), "branch");
    }

    public String fromTag() {
        String from = header("from");
        return from == null ? null : HeaderValues.parameter(from, "tag");
    }

    public String toTag() {
        String to = header("to");
        return to == null ? null : HeaderValues.parameter(to, "tag");
    }

    /** The whole message as it goes on the wire, Content-Length set from the body. */
    public byte[] encode() {
        StringBuilder text = new StringBuilder(256 + headers.size() * 48);
        if (isRequest()) {
            text.append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n");
        } else {
            text.append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        }
        for (Header header : headers) {
            if (!header.name.equals("content-length")) {
                text.append(HeaderNames.display(header.name)).append(": ").append(header.value).append("\r\n");
            }
        }
        text.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public String toString() {
        return isRequest() ? method + " " + requestUri : status + " " + reason;
    }
}
