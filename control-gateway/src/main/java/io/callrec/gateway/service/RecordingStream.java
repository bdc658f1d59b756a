package io.callrec.gateway.service;

import java.net.URI;
import java.util.UUID;

/**
 * One stream of an open recording: one channel's port on an ingest instance.
 *
 * @param streamId the stream's id at the ingest (the recording's own id for a mono recording)
 * @param host     where the client sends the stream's RTP
 */
public record RecordingStream(UUID streamId, URI ingest, String host, int port) {
}
