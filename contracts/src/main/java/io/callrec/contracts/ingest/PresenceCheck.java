package io.callrec.contracts.ingest;

import java.util.List;
import java.util.UUID;

/**
 * {@code POST /internal/sessions/presence}: which of these recordings this instance no longer holds. The gateway
 * asks after an ingest restarted; a recording the ingest did not recover is lost and its phone is told.
 *
 * @param recordingIds the recordings asked about (in the request), or the missing ones (in the answer)
 */
public record PresenceCheck(List<UUID> recordingIds) {
}
