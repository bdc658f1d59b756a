package io.callrec.gateway.service;

import io.callrec.contracts.Codec;
import io.callrec.contracts.ingest.SourceLatch;
import java.util.List;

/**
 * What a recording is started with, whichever protocol asked (a phone's RecordStartRequest, a SIPREC session).
 * Optional text fields are null when unknown.
 *
 * @param sessionId the asker's own id of the session (metadata only)
 * @param device    the phone's MAC (counted against the per-device limit); null for a SIPREC session
 * @param direction {@code in} or {@code out}; null when unknown
 * @param channels  the codec of each channel, in channel order: one stream is allocated per channel (a phone's
 *                  recording has one, a SIPREC session's one per direction)
 * @param latch     which RTP source the ingest accepts
 */
public record RecordingStart(String sessionId, String device, String direction, List<Codec> channels,
                             String localNumber, String localName, String remoteNumber, String remoteName,
                             SourceLatch latch) {
    public RecordingStart {
        channels = List.copyOf(channels);
    }
}
