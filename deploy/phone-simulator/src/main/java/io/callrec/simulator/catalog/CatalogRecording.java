package io.callrec.simulator.catalog;

/**
 * The fields of a catalog recording that verification looks at; a number the catalog left out is
 * {@link #MISSING}.
 */
public record CatalogRecording(String id, String sessionId, String device, String status, long durationMs,
                               long packetsReceived, long packetsLost, long packetsDuplicate, String stopReason) {
    public static final long MISSING = -1;
}
