package io.callrec.gateway.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one complete SIP message (a UDP datagram, or what {@code SipStreamFramer} cut from a TCP stream) within
 * {@link SipLimits}. Plain Java, no state: one instance serves every transport. Requests must carry Via, From, To,
 * Call-ID and a CSeq naming their method (RFC 3261 8.1.1); everything else is left to the layers above.
 */
public final class SipMessageParser {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");
    private static final Pattern STATUS = Pattern.compile("[1-6][0-9][0-9]");
    private static final String VERSION = "SIP/2.0";
    private static final List<String> REQUIRED = List.of("via", "from", "to", "call-id", "cseq");

    private final SipLimits limits;

    public SipMessageParser(SipLimits limits) {
        this.limits = limits;
    }

    public SipLimits limits() {
        return limits;
    }

    /**
     * The message in {@code data[offset, offset + length)}; null when it holds only line breaks (a keep-alive).
     * A Content-Length shorter than what follows the headers cuts the body there; a longer one is an error.
     */
    public SipMessage parse(byte[] data, int offset, int length) throws SipParseException {
        if (length > limits.maxMessageBytes()) {
            throw new SipParseException("message of " + length + " bytes is over the limit of "
                    + limits.maxMessageBytes());
        }
        int start = offset;
        int end = offset + length;
        while (start < end && (data[start] == '\r' || data[start] == '\n')) {
            start++;
        }
        if (start == end) {
            return null;
        }
        int headEnd = headerEnd(data, start, end);
        if (headEnd < 0) {
            throw new SipParseException("no empty line after the headers");
        }
        List<String> lines = unfold(data, start, headEnd);
        SipMessage.Header[] headers = new SipMessage.Header[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            headers[i - 1] = header(lines.get(i));
        }
        int bodyStart = bodyStart(data, headEnd);
        int available = end - bodyStart;
        int bodyLength = declaredLength(Arrays.asList(headers), available);
        byte[] body = Arrays.copyOfRange(data, bodyStart, bodyStart + bodyLength);
        return startLine(lines.get(0), List.of(headers), body);
    }

    /**
     * Where the header section of the message starting at {@code from} ends (the index of its empty line's first
     * line break), or -1 if it has not ended before {@code to}.
     */
    public static int headerEnd(byte[] data, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (data[i] == '\n' && data[i + 1] == '\n') {
                return i + 1;
            }
            if (data[i] == '\n' && data[i + 1] == '\r' && i + 2 < to && data[i + 2] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Where the body starts, given {@link #headerEnd}. */
    public static int bodyStart(byte[] data, int headerEnd) {
        return data[headerEnd] == '\r' ? headerEnd + 2 : headerEnd + 1;
    }

    /**
     * The Content-Length of a header section (required on a stream: RFC 3261 18.3), checked against the limits.
     */
    public int streamBodyLength(byte[] data, int from, int headerEnd) throws SipParseException {
        List<String> lines = unfold(data, from, headerEnd);
        List<SipMessage.Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            headers.add(header(lines.get(i)));
        }
        int length = declaredLength(headers, -1);
        if (length < 0) {
            throw new SipParseException("Content-Length is required on a stream");
        }
        if (length > limits.maxMessageBytes() - (headerEnd - from)) {
            throw new SipParseException("body of " + length + " bytes is over the message limit");
        }
        return length;
    }

    /** The Content-Length, or {@code available} when there is none. */
    private static int declaredLength(List<SipMessage.Header> headers, int available) throws SipParseException {
        String declared = null;
        for (SipMessage.Header header : headers) {
            if (header.name().equals("content-length")) {
                if (declared != null && !declared.equals(header.value())) {
                    throw new SipParseException("two different Content-Length headers");
                }
                declared = header.value();
            }
        }
        if (declared == null) {
            return available;
        }
        int length;
        try {
            length = Integer.parseInt(declared.trim());
        } catch (NumberFormatException e) {
            throw new SipParseException("Content-Length is not a number");
        }
        if (length < 0) {
            throw new SipParseException("negative Content-Length");
        }
        if (available >= 0 && length > available) {
            throw new SipParseException("Content-Length " + length + " but only " + available + " bytes follow");
        }
        return length;
    }

    /** The start line and header lines, continuation lines (starting with space or tab) joined to the one before. */
    private List<String> unfold(byte[] data, int from, int headEnd) throws SipParseException {
        List<String> lines = new ArrayList<>();
        int lineStart = from;
        for (int i = from; i < headEnd; i++) {
            if (data[i] != '\n') {
                continue;
            }
            int lineEnd = i > lineStart && data[i - 1] == '\r' ? i - 1 : i;
            String line = new String(data, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
            lineStart = i + 1;
            if (!lines.isEmpty() && lines.size() > 1 && (line.startsWith(" ") || line.startsWith("\t"))) {
                String joined = lines.get(lines.size() - 1) + " " + line.trim();
                checkLength(joined);
                lines.set(lines.size() - 1, joined);
                continue;
            }
            checkLength(line);
            lines.add(line);
            if (lines.size() - 1 > limits.maxHeaders()) {
                throw new SipParseException("more than " + limits.maxHeaders() + " header lines");
            }
        }
        if (lines.isEmpty()) {
            throw new SipParseException("no start line");
        }
        return lines;
    }

    private void checkLength(String line) throws SipParseException {
        if (line.length() > limits.maxLineBytes()) {
            throw new SipParseException("a line is longer than " + limits.maxLineBytes() + " bytes");
        }
    }

    private static SipMessage.Header header(String line) throws SipParseException {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new SipParseException("header line without a name and colon");
        }
        String name = line.substring(0, colon).trim();
        if (!TOKEN.matcher(name).matches()) {
            throw new SipParseException("bad header name");
        }
        return new SipMessage.Header(HeaderNames.canonical(name), line.substring(colon + 1).trim());
    }

    private static SipMessage startLine(String line, List<SipMessage.Header> headers, byte[] body)
            throws SipParseException {
        String[] parts = line.split(" ", 3);
        if (parts.length == 3 && parts[0].equals(VERSION)) {
            if (!STATUS.matcher(parts[1]).matches()) {
                throw new SipParseException("bad status code");
            }
            return SipMessage.response(Integer.parseInt(parts[1]), parts[2], headers, body);
        }
        if (parts.length != 3 || !parts[2].equals(VERSION) || !TOKEN.matcher(parts[0]).matches()
                || parts[1].isEmpty() || parts[1].indexOf(':') < 0) {
            throw new SipParseException("start line is neither a SIP/2.0 request nor a response");
        }
        SipMessage request = SipMessage.request(parts[0], parts[1], headers, body);
        for (String required : REQUIRED) {
            if (request.header(required) == null) {
                throw new SipParseException("request without " + HeaderNames.display(required));
            }
        }
        if (request.cseqNumber() < 0 || !parts[0].equals(request.cseqMethod())) {
            throw new SipParseException("CSeq does not name the request's method with a number");
        }
        return request;
    }
}
