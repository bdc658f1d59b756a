package io.callrec.gateway.service;

import java.net.URI;
import java.util.UUID;

/** A recording this gateway started and has not stopped yet. */
public record OpenRecording(UUID recordingId, String phoneSessionId, String device, URI ingest, String host,
                            int port) {
}
