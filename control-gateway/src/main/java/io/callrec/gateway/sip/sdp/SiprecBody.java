package io.callrec.gateway.sip.sdp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The parts of a SIPREC INVITE body (RFC 7866 6.1): {@code multipart/mixed} with {@code application/sdp} and
 * {@code application/rs-metadata+xml}, or plain SDP alone.
 *
 * @param metadata null when the request carries none
 */
public record SiprecBody(byte[] sdp, byte[] metadata) {
    public static final String SDP = "application/sdp";
    public static final String METADATA = "application/rs-metadata+xml";

    public static SiprecBody parse(String contentType, byte[] body) throws SdpException {
        if (contentType == null) {
            throw new SdpException("no Content-Type");
        }
        String type = mediaType(contentType);
        if (type.equals(SDP)) {
            return new SiprecBody(body, null);
        }
        if (!type.equals("multipart/mixed")) {
            throw new SdpException("unsupported body type " + type);
        }
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new SdpException("multipart body without a boundary");
        }
        byte[] sdp = null;
        byte[] metadata = null;
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int partStart = lineEnd(body, at + delimiter.length);
            if (partStart < 0 || startsWith(body, at + delimiter.length, "--")) {
                break;
            }
            int next = indexOf(body, delimiter, partStart);
            int partEnd = next < 0 ? body.length : next;
            // The line break before a delimiter belongs to it (RFC 2046 5.1.1).
            if (partEnd >= 2 && body[partEnd - 1] == '\n') {
                partEnd -= body[partEnd - 2] == '\r' ? 2 : 1;
            }
            byte[] part = Arrays.copyOfRange(body, partStart, Math.max(partStart, partEnd));
            int headEnd = headersEnd(part);
            String headers = new String(part, 0, Math.max(0, headEnd), StandardCharsets.ISO_8859_1);
            byte[] content = Arrays.copyOfRange(part, bodyStart(part, headEnd), part.length);
            String partType = partType(headers);
            if (partType.equals(SDP) && sdp == null) {
                sdp = content;
            } else if (partType.equals(METADATA) && metadata == null) {
                metadata = content;
            }
            at = next;
        }
        if (sdp == null) {
            throw new SdpException("multipart body without application/sdp");
        }
        return new SiprecBody(sdp, metadata);
    }

    private static String partType(String headers) {
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-type")) {
                return mediaType(line.substring(colon + 1));
            }
        }
        return "text/plain"; // RFC 2046 5.1: the default for a part
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String parameter(String contentType, String name) {
        for (String param : contentType.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = param.substring(eq + 1).trim();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /** Index of the empty line ending a part's headers, or -1 when the part has none (all content). */
    private static int headersEnd(byte[] part) {
        if (part.length > 0 && (part[0] == '\n' || part[0] == '\r')) {
            return 0;
        }
        for (int i = 0; i < part.length - 1; i++) {
            if (part[i] == '\n' && (part[i + 1] == '\n' || part[i + 1] == '\r')) {
                return i + 1;
            }
        }
        return part.length;
    }

    private static int bodyStart(byte[] part, int headEnd) {
        if (headEnd >= part.length) {
            return part.length;
        }
        return part[headEnd] == '\r' && headEnd + 1 < part.length ? headEnd + 2 : headEnd + 1;
    }

    private static int lineEnd(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, int at, String text) {
        byte[] prefix = text.getBytes(StandardCharsets.ISO_8859_1);
        return at + prefix.length <= data.length
                && Arrays.equals(data, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (data[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
