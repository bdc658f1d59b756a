package io.callrec.gateway.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading parts of header values: comma-separated lists, {@code ;name=value} parameters, the URI in angle brackets. */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** Splits at commas outside quotes and angle brackets. */
    public static List<String> splitCommas(String value) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int angle = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && c == ',') {
                addTrimmed(parts, value.substring(start, i));
                start = i + 1;
            }
        }
        addTrimmed(parts, value.substring(start));
        return parts;
    }

    /**
     * A header parameter ({@code ;tag=abc}) after the address or value, case-insensitive name; "" for a parameter
     * without value; null when absent. Parameters inside angle brackets belong to the URI and are not seen.
     */
    public static String parameter(String value, String name) {
        int close = value.lastIndexOf('>');
        String params = close >= 0 ? value.substring(close + 1) : value;
        if (close < 0) {
            int semicolon = params.indexOf(';');
            params = semicolon < 0 ? "" : params.substring(semicolon);
        }
        for (String param : params.split(";")) {
            String trimmed = param.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String key = (eq < 0 ? trimmed : trimmed.substring(0, eq)).trim();
            if (key.equalsIgnoreCase(name)) {
                return eq < 0 ? "" : unquote(trimmed.substring(eq + 1).trim());
            }
        }
        return null;
    }

    /** The URI of a name-addr ({@code "Bob" <sip:bob@host>}) or of a bare addr-spec, without header parameters. */
    public static String uri(String value) {
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            return value.substring(open + 1, close).trim();
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
    }

    /** A {@code sips:} URI: TLS is promised on every hop to its target (RFC 3261 26.2, RFC 5630). */
    public static boolean isSips(String uri) {
        return uri.regionMatches(true, 0, "sips:", 0, 5);
    }

    /** The user part of a sip:, sips: or tel: URI ({@code 1009} of {@code sip:1009@host;user=phone}); null if none. */
    public static String user(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("sip:")) {
            rest = uri.substring(4);
        } else if (lower.startsWith("sips:")) {
            rest = uri.substring(5);
        } else if (lower.startsWith("tel:")) {
            String number = uri.substring(4);
            int semicolon = number.indexOf(';');
            return semicolon < 0 ? number : number.substring(0, semicolon);
        } else {
            return null;
        }
        int at = rest.indexOf('@');
        if (at <= 0) {
            return null;
        }
        String user = rest.substring(0, at);
        int semicolon = user.indexOf(';');
        int colon = user.indexOf(':');
        int end = semicolon < 0 ? user.length() : semicolon;
        if (colon >= 0 && colon < end) {
            end = colon;
        }
        return user.substring(0, end);
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }

    private static void addTrimmed(List<String> parts, String part) {
        String trimmed = part.trim();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
    }
}
