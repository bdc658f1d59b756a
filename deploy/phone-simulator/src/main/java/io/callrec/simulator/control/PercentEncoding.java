package io.callrec.simulator.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of control values over their UTF-8 bytes, as phones send names in Japanese or
 * Chinese. Not HTML form encoding: '+' stays a plus sign (numbers like {@code +81...}), so it is
 * escaped on the way out and never decoded to a space.
 */
final class PercentEncoding {
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** Escapes every byte that could break a {@code key=value&...} line: separators, controls, non-ASCII. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xFF;
            if (unsigned <= ' ' || unsigned >= 0x7F || unsigned == '&' || unsigned == '=' || unsigned == '%'
                    || unsigned == '+') {
                out.append('%').append(HEX_DIGITS[unsigned >>> 4]).append(HEX_DIGITS[unsigned & 0x0F]);
            } else {
                out.append((char) unsigned);
            }
        }
        return out.toString();
    }

    /** Decodes {@code %XX} escapes as UTF-8; a '%' not followed by two hex digits is kept as it is. */
    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            int high = i + 2 < raw.length && raw[i] == '%' ? Character.digit(raw[i + 1], 16) : -1;
            int low = high >= 0 ? Character.digit(raw[i + 2], 16) : -1;
            if (low >= 0) {
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
