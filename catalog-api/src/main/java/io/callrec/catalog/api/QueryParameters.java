package io.callrec.catalog.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Reads query parameters with messages that say which parameter was wrong and what is expected. (Parameters are
 * taken as text: JAX-RS would answer a query parameter it cannot convert with a bare 404.)
 */
final class QueryParameters {
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    /** Keeps page * size within an int offset. */
    static final int MAX_PAGE = 10_000_000;

    private QueryParameters() {
    }

    /** Blank means absent. */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static int page(String value) {
        String text = text(value);
        if (text == null) {
            return 0;
        }
        int page = integer("page", text);
        if (page < 0 || page > MAX_PAGE) {
            throw new InvalidParameterException("page must be between 0 and " + MAX_PAGE + ", not " + page + ".");
        }
        return page;
    }

    static int size(String value) {
        String text = text(value);
        if (text == null) {
            return DEFAULT_SIZE;
        }
        int size = integer("size", text);
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidParameterException("size must be between 1 and " + MAX_SIZE + ", not " + size + ".");
        }
        return size;
    }

    static UUID uuid(String name, String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(name + " must be a UUID, not '" + text + "'.");
        }
    }

    /**
     * An ISO-8601 instant (2024-05-01T10:15:30Z), date-time with offset (2024-05-01T12:15:30+02:00), local
     * date-time (taken as UTC) or date. A date as an upper bound means the end of that day, so from=to=a date
     * selects that whole day.
     */
    static Instant time(String name, String value, boolean upperBound) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (upperBound ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new InvalidParameterException(name + " must be an ISO-8601 date or date-time such as 2024-05-01 or"
                    + " 2024-05-01T10:15:30Z, not '" + text + "'.");
        }
    }

    private static int integer(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name + " must be a whole number, not '" + text + "'.");
        }
    }
}
