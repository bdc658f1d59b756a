package io.callrec.contracts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recording time in a phone USB file's name, {@code Record_[SystemTime]}. The name is only read
 * for this: it never becomes a path or an object key. Forms understood, with any extension:
 * <ul>
 *   <li>{@code Record_20251123143015} (yyyyMMddHHmmss) and {@code Record_20251123143015123} (with millis),
 *       also with separators: {@code Record_2025-11-23_14-30-15}, {@code Record_20251123_143015};</li>
 *   <li>{@code Record_1763908215} (epoch seconds) and {@code Record_1763908215123} (epoch millis),
 *       read as UTC;</li>
 *   <li>a browser's copy suffix, {@code Record_20251123143015 (1).wav}, and brackets around the time.</li>
 * </ul>
 * The time is the phone's clock, without a zone: good for ordering the files of one call. The catalog and the
 * transcoder both read names here, so they agree on which files carry a time and what it is.
 */
public final class UsbFileName {

    private static final int MAX_NAME_LENGTH = 255;
    private static final Pattern RECORD_NAME = Pattern.compile(
            "(?i)record_\\[?([0-9][0-9 _.:T-]*[0-9])]?(?: ?\\(\\d{1,3}\\))?(?:\\.[a-z][a-z0-9]{0,4})?");
    private static final Pattern SEPARATORS = Pattern.compile("(?i)[ _.:T-]");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int EPOCH_SECONDS_DIGITS = 10;
    private static final int EPOCH_MILLIS_DIGITS = 13;
    private static final int DATE_TIME_DIGITS = 14;
    private static final int DATE_TIME_MILLIS_DIGITS = 17;

    private static final UsbFileName UNKNOWN = new UsbFileName(null);

    private final LocalDateTime systemTime;

    private UsbFileName(LocalDateTime systemTime) {
        this.systemTime = systemTime;
    }

    /** Reads a file name as uploaded, directories included or not; an unknown form has no time. */
    public static UsbFileName parse(String fileName) {
        if (fileName == null || fileName.length() > MAX_NAME_LENGTH) {
            return UNKNOWN;
        }
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        Matcher matcher = RECORD_NAME.matcher(base);
        if (!matcher.matches()) {
            return UNKNOWN;
        }
        String time = matcher.group(1);
        String digits = SEPARATORS.matcher(time).replaceAll("");
        boolean separated = digits.length() != time.length();
        return new UsbFileName(separated ? dateTime(digits) : anyForm(digits));
    }

    /** The phone's clock when the file was started; empty if the name does not say. */
    public Optional<LocalDateTime> systemTime() {
        return Optional.ofNullable(systemTime);
    }

    /** The phone's clock taken as UTC (the file does not say the phone's zone): when the recording started. */
    public Optional<Instant> startedAt() {
        return systemTime().map(time -> time.toInstant(ZoneOffset.UTC));
    }

    private static LocalDateTime anyForm(String digits) {
        return switch (digits.length()) {
            case EPOCH_SECONDS_DIGITS -> LocalDateTime.ofEpochSecond(Long.parseLong(digits), 0, ZoneOffset.UTC);
            case EPOCH_MILLIS_DIGITS -> LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(digits)), ZoneOffset.UTC);
            default -> dateTime(digits);
        };
    }

    private static LocalDateTime dateTime(String digits) {
        DateTimeFormatter format = switch (digits.length()) {
            case DATE_TIME_DIGITS -> SECONDS;
            case DATE_TIME_MILLIS_DIGITS -> MILLIS;
            default -> null;
        };
        if (format == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(digits, format);
        } catch (DateTimeParseException e) {
            return null;      // 20251399..., not a date
        }
    }
}
