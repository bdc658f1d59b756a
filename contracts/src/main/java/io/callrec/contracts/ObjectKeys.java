package io.callrec.contracts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Object keys in the recordings bucket. Built only from callrec's own ids and times, never from phone input. */
public final class ObjectKeys {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private ObjectKeys() {
    }

    /** {@code recordings/yyyy/MM/dd/<id>.wav}, dated by the recording's start (UTC): the same recording always maps here. */
    public static String recording(UUID recordingId, Instant startedAt) {
        return "recordings/" + DAY.format(startedAt) + "/" + recordingId + ".wav";
    }

    /** {@code audit/anchor.json}: the audit chain's last position and hash as catalog-api last saw them. */
    public static String auditAnchor() {
        return "audit/anchor.json";
    }

    /** {@code imports/yyyy/MM/dd/<import id>/<n>}: the raw uploaded file number n of an import. */
    public static String importedFile(UUID importId, Instant receivedAt, int index) {
        return "imports/" + DAY.format(receivedAt) + "/" + importId + "/" + index;
    }
}
