package io.callrec.gateway.service;

import java.net.URI;
import java.util.UUID;

/**
 * A recording this gateway started and has not stopped yet.
 *
 * @param source the phone's address, as the per-source limit counts it
 */
public record OpenRecording(UUID recordingId, String phoneSessionId, String device, String source, URI ingest,
                            String host, int port) {
}
