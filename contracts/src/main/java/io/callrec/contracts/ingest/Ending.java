package io.callrec.contracts.ingest;

import java.util.UUID;

/**
 * The answer to {@code DELETE /internal/sessions/{id}?reason=}: given once the stream has been drained and its
 * end-of-stream batch queued.
 *
 * @param ended  whether this request ended it (false: it had already ended, or was never here)
 * @param reason the reason it ended with (an RTP timeout may have come first); empty when unknown here
 */
public record Ending(UUID recordingId, boolean ended, String reason) {
}
