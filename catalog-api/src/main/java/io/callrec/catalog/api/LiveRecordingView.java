package io.callrec.catalog.api;

import io.callrec.catalog.domain.Recording;
import java.time.Instant;
import java.util.UUID;

/** A call being recorded, as the live view shows it; {@code ingest} is the rtp-ingest it streams to. */
public record LiveRecordingView(UUID id, String device, String localNumber, String localName, String remoteNumber,
                                String remoteName, String direction, String codec, Instant startedAt,
                                String ingest) {
    public static LiveRecordingView of(Recording recording) {
        return new LiveRecordingView(recording.id, recording.device, recording.localNumber, recording.localName,
                recording.remoteNumber, recording.remoteName, recording.direction, recording.codec,
                recording.startedAt, recording.ingestHost);
    }
}
