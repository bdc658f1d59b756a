package io.callrec.catalog.service;

import java.util.UUID;

/** No such recording, or one the caller may not see: both answer the same, so nothing leaks. */
public class RecordingNotFoundException extends RuntimeException {
    public RecordingNotFoundException(UUID id) {
        super("Recording " + id + " does not exist.");
    }

    /** The recording exists but not what was asked of it, e.g. audio while it is still being processed. */
    public RecordingNotFoundException(UUID id, String why) {
        super("Recording " + id + " " + why + ".");
    }
}
