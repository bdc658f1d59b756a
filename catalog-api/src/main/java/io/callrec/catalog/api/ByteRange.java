package io.callrec.catalog.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a file, from an HTTP {@code Range} header (RFC 9110): {@code bytes=first-last},
 * {@code bytes=first-} or {@code bytes=-suffixLength}. Several ranges at once are not served: the whole file is
 * sent instead, which the RFC allows.
 *
 * @param first first byte, inclusive; -1 when no byte of the range exists
 * @param last  last byte, inclusive
 * @param total size of the whole file
 */
public record ByteRange(long first, long last, long total) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public boolean satisfiable() {
        return first >= 0;
    }

    public long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/total} for a 206, {@code bytes *}{@code /total} for a 416. */
    public String contentRange() {
        return satisfiable() ? "bytes " + first + "-" + last + "/" + total : "bytes */" + total;
    }

    public static ByteRange wholeFile(long total) {
        return new ByteRange(0, total - 1, total);
    }

    /**
     * The single byte range the header asks for, possibly not {@link #satisfiable()}; empty when there is no
     * header or it is not a single byte range, i.e. when the whole file is to be sent with 200.
     */
    public static Optional<ByteRange> parse(String header, long total) {
        Matcher matcher = header == null ? null : SINGLE.matcher(header.trim());
        if (matcher == null || !matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        ByteRange none = new ByteRange(-1, -1, total);
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                return Optional.of(suffix == 0 || total == 0 ? none
                        : new ByteRange(Math.max(0, total - suffix), total - 1, total));
            }
            long first = Long.parseLong(matcher.group(1));
            boolean toTheEnd = matcher.group(2).isEmpty();
            long last = toTheEnd ? total - 1 : Long.parseLong(matcher.group(2));
            if (!toTheEnd && last < first) {
                // Syntactically invalid: RFC 9110 says to ignore the header.
                return Optional.empty();
            }
            return Optional.of(first >= total ? none : new ByteRange(first, Math.min(last, total - 1), total));
        } catch (NumberFormatException e) {
            // More digits than a long holds: far beyond any file.
            return Optional.of(none);
        }
    }
}
