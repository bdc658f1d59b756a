package io.callrec.simulator.catalog;

import java.time.Instant;

/**
 * The fields of a catalog recording that verification looks at; a number the catalog left out is
 * {@link #MISSING}, a {@code storedAt} it left out (not available yet) null.
 */
public record CatalogRecording(String id, String sessionId, String device, String status, Instant storedAt, long durationMs,
                               long packetsReceived, long packetsLost, long packetsDuplicate, String stopReason) {
    public static final long MISSING = -1;
}
