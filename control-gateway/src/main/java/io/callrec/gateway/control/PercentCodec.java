package io.callrec.gateway.control;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of control values over their UTF-8 bytes (RFC 3986 style). This is not HTML form
 * encoding: a '+' is a plus sign, never a space, because phone numbers such as {@code +81...} arrive
 * raw.
 */
final class PercentCodec {
    /** What {@link #decode} returns for a '%' that is not followed by two hex digits. */
    static final int BROKEN_ESCAPE = -1;

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private PercentCodec() {
    }

    /**
     * Decodes {@code src[from, to)} into {@code out} from index 0; {@code out} must hold
     * {@code to - from} bytes. Bytes other than escapes, raw UTF-8 included, are copied as they are.
     *
     * @return the decoded length, or {@link #BROKEN_ESCAPE}
     */
    static int decode(byte[] src, int from, int to, byte[] out) {
        int length = 0;
        int i = from;
        while (i < to) {
            byte b = src[i];
            if (b != '%') {
                out[length++] = b;
                i++;
                continue;
            }
            if (to - i < 3) {
                return BROKEN_ESCAPE;
            }
            int high = Character.digit(src[i + 1], 16);
            int low = Character.digit(src[i + 2], 16);
            if (high < 0 || low < 0) {
                return BROKEN_ESCAPE;
            }
            out[length++] = (byte) (high << 4 | low);
            i += 3;
        }
        return length;
    }

    /**
     * Appends {@code value} with every byte escaped that would break a {@code key=value&...} line or
     * its reader: '&', '=', '%', controls, non-ASCII, and also '+' and space, which a phone that
     * form-decodes would misread.
     */
    static void appendEncoded(StringBuilder out, String value) {
        if (!needsEncoding(value)) {
            out.append(value);
            return;
        }
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xFF;
            if (isEscaped(unsigned)) {
                out.append('%').append(HEX_DIGITS[unsigned >>> 4]).append(HEX_DIGITS[unsigned & 0x0F]);
            } else {
                out.append((char) unsigned);
            }
        }
    }

    private static boolean needsEncoding(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isEscaped(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** For a byte or a char: ASCII outside the printable, unreserved-for-us range. */
    private static boolean isEscaped(int c) {
        return c <= ' ' || c >= 0x7F || c == '&' || c == '=' || c == '%' || c == '+';
    }
}
