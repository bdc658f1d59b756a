package io.callrec.gateway.sip.message;

import java.util.Locale;
import java.util.Map;

/** SIP header names: compact forms expanded (RFC 3261 7.3.3 and later RFCs), and the usual spelling on output. */
final class HeaderNames {
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("i", "call-id"), Map.entry("m", "contact"), Map.entry("e", "content-encoding"),
            Map.entry("l", "content-length"), Map.entry("c", "content-type"), Map.entry("f", "from"),
            Map.entry("s", "subject"), Map.entry("k", "supported"), Map.entry("t", "to"), Map.entry("v", "via"));
    private static final Map<String, String> DISPLAY = Map.of(
            "call-id", "Call-ID", "cseq", "CSeq", "www-authenticate", "WWW-Authenticate");

    private HeaderNames() {
    }

    /** The full lower-case name for a header name as received. */
    static String canonical(String received) {
        String lower = received.toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }

    /** The name as written on the wire: each dash-separated word capitalised, except the known exceptions. */
    static String display(String canonical) {
        String known = DISPLAY.get(canonical);
        if (known != null) {
            return known;
        }
        StringBuilder out = new StringBuilder(canonical.length());
        boolean upper = true;
        for (char c : canonical.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }
}
