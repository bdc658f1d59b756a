package io.callrec.transcoder.messaging;

import java.util.UUID;

/** A local failure (spool disk, object store, Kafka) while building a recording: its partition is read again. */
final class RecordingFailedException extends Exception {
    RecordingFailedException(UUID recordingId, Exception cause) {
        super("Recording " + recordingId + ": " + cause.getMessage(), cause);
    }
}
