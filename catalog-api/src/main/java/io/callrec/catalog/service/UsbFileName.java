package io.callrec.catalog.service;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start time in a phone USB file name, {@code Record_[SystemTime]}: the phone's clock as
 * {@code yyyyMMddHHmmss} (taken as UTC: the file does not say the phone's zone), or Unix seconds or milliseconds.
 */
public final class UsbFileName {
    private static final Pattern NAME = Pattern.compile("Record_(\\d{10,14})(\\D.*)?");
    private static final DateTimeFormatter PHONE_CLOCK = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private UsbFileName() {
    }

    public static Optional<Instant> startedAt(String fileName) {
        Matcher matcher = fileName == null ? null : NAME.matcher(fileName);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        String digits = matcher.group(1);
        try {
            return switch (digits.length()) {
                case 14 -> Optional.of(LocalDateTime.parse(digits, PHONE_CLOCK).toInstant(ZoneOffset.UTC));
                case 13 -> Optional.of(Instant.ofEpochMilli(Long.parseLong(digits)));
                case 10 -> Optional.of(Instant.ofEpochSecond(Long.parseLong(digits)));
                default -> Optional.empty();
            };
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
