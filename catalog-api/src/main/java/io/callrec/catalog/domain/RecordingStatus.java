package io.callrec.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a recording is in its life. The declaration order is the order of progress: an event never moves a
 * recording back. Available ranks above failed because a stored event proves the WAV exists (a conversion
 * retried after a failure); {@link #DELETED} is final.
 */
public enum RecordingStatus {
    /** The phone is streaming. */
    RECORDING,
    /** The session stopped (or a file was imported); the transcoder is writing the WAV. */
    PROCESSING,
    /** No WAV could be made. */
    FAILED,
    /** The WAV is in the bucket. */
    AVAILABLE,
    /** Deleted by a person or by retention; the row stays as a tombstone so late events cannot bring it back. */
    DELETED;

    /** The name on the wire and in the database. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an event may move a recording from this status to {@code next}: only forward. */
    public boolean mayBecome(RecordingStatus next) {
        return next.ordinal() > ordinal();
    }

    public static Optional<RecordingStatus> byWireName(String name) {
        for (RecordingStatus status : values()) {
            if (status.wireName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
