package io.callrec.contracts.ingest;

import java.util.UUID;

/** The answer to an {@link AllocationRequest}: where the phone sends its RTP. */
public record Allocation(UUID recordingId, String host, int port) {
}
