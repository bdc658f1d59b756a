package io.callrec.ingest.rtp;

import java.util.Locale;

/** Textual IP addresses in one form, so the phone's address from the gateway compares equal to a packet's. */
public final class Addresses {
    private static final String IPV4_MAPPED = "::ffff:";

    private Addresses() {
    }

    public static String normalize(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        if (lower.startsWith(IPV4_MAPPED) && lower.indexOf('.') > 0) {
            return lower.substring(IPV4_MAPPED.length());
        }
        return lower;
    }
}
