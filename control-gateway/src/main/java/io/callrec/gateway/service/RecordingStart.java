package io.callrec.gateway.service;

import io.callrec.contracts.Codec;
import io.callrec.contracts.ingest.SourceLatch;

/**
 * What a recording is started with, whichever protocol asked (a phone's RecordStartRequest, a SIPREC stream).
 * Optional text fields are null when unknown.
 *
 * @param sessionId the asker's own id of the session (metadata only)
 * @param device    the phone's MAC (counted against the per-device limit); null for a SIPREC stream
 * @param direction {@code in} or {@code out}; null when unknown
 * @param latch     which RTP source the ingest accepts
 */
public record RecordingStart(String sessionId, String device, String direction, Codec codec,
                             String localNumber, String localName, String remoteNumber, String remoteName,
                             SourceLatch latch) {
}
