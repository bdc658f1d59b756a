package io.callrec.catalog.service;

import java.util.Optional;

/** The fields recordings can be sorted by, named as in the recording JSON. */
public enum RecordingSortField {
    STARTED_AT("startedAt"),
    STOPPED_AT("stoppedAt"),
    /** When the recording became available: a client picking up new recordings sorts by it, newest first. */
    STORED_AT("storedAt"),
    DURATION_MS("durationMs"),
    SIZE_BYTES("sizeBytes"),
    DEVICE("device"),
    LOCAL_NUMBER("localNumber"),
    LOCAL_NAME("localName"),
    REMOTE_NUMBER("remoteNumber"),
    REMOTE_NAME("remoteName"),
    STATUS("status");

    private final String name;

    RecordingSortField(String name) {
        this.name = name;
    }

    /** The JSON name, which is also the entity attribute. */
    public String fieldName() {
        return name;
    }

    public static Optional<RecordingSortField> byName(String name) {
        for (RecordingSortField field : values()) {
            if (field.name.equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
