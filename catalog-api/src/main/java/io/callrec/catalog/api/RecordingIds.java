package io.callrec.catalog.api;

import java.util.UUID;

/** Recording ids in paths. */
final class RecordingIds {
    private RecordingIds() {
    }

    /** Recording ids are UUIDs; anything else is a malformed request. */
    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("'" + id + "' is not a recording id (a UUID).");
        }
    }
}
