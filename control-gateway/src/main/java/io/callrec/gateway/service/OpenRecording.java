package io.callrec.gateway.service;

import java.util.List;
import java.util.UUID;

/**
 * A recording this gateway started and has not stopped yet.
 *
 * @param source  the phone's address, as the per-source limit counts it
 * @param streams one per channel, in channel order (a phone's recording has one)
 */
public record OpenRecording(UUID recordingId, String phoneSessionId, String device, String source,
                            List<RecordingStream> streams) {
    public OpenRecording {
        streams = List.copyOf(streams);
    }

    /** Where the client sends channel 0 (a phone's only stream). */
    public String host() {
        return streams.get(0).host();
    }

    public int port() {
        return streams.get(0).port();
    }
}
