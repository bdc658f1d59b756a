package io.callrec.catalog.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.RecordingStatus;
import java.time.Instant;
import java.util.UUID;

/** A recording as API clients see it; these names are the API's contract. */
public record RecordingView(UUID id, String sessionId, String device, String localNumber, String localName,
                            String remoteNumber, String remoteName, String direction, String codec,
                            RecordingStatus status, String stopReason, String failureReason, Instant startedAt,
                            Instant stoppedAt, Instant storedAt, Long durationMs, Integer sampleRate,
                            Integer channels, Long sizeBytes, String sha256, @JsonProperty("protected") boolean isProtected, boolean legalHold,
                            Long packetsReceived,
                            Long packetsLost, Long packetsDuplicate, Long packetsLate, String audioUrl) {

    public static RecordingView of(Recording r) {
        String audioUrl = r.status == RecordingStatus.AVAILABLE ? RecordingResource.PATH + "/" + r.id + "/audio" : null;
        return new RecordingView(r.id, r.sessionId, r.device, r.localNumber, r.localName, r.remoteNumber,
                r.remoteName, r.direction, r.codec, r.status, r.stopReason, r.failureReason, r.startedAt, r.stoppedAt,
                r.storedAt, r.durationMs, r.sampleRate, r.channels, r.sizeBytes, r.sha256, r.protectedFromDeletion,
                r.legalHold, r.packetsReceived, r.packetsLost, r.packetsDuplicate, r.packetsLate, audioUrl);
    }
}
