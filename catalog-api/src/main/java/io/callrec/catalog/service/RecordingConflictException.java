package io.callrec.catalog.service;

/** The recording's state forbids what was asked (deleting a protected recording, protecting a deleted one, ...). */
public class RecordingConflictException extends RuntimeException {
    public RecordingConflictException(String message) {
        super(message);
    }
}
