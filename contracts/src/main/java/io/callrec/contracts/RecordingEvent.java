package io.callrec.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The outcome of turning a recording into audio, on {@code callrec.recordings} (JSON).
 * {@code type} is {@link #STORED} (the object exists) or {@link #FAILED} ({@code reason} says why).
 *
 * @param type             {@code stored} or {@code failed}
 * @param recordingId      callrec's id of the recording
 * @param objectKey        where the WAV is, {@code recordings/yyyy/MM/dd/<id>.wav}
 * @param sizeBytes        size of the WAV
 * @param durationMs       audio duration
 * @param sampleRate       8000 or 16000
 * @param channels         1, or 2 for a two-way PCAP import or a SIPREC session (one direction per channel)
 * @param codec            the audio's codec as in session events (PCMA, PCMU, G722); for two channels with
 *                         different codecs both, joined by {@code +} (e.g. {@code PCMA+G722}); null when failed
 * @param sha256           hex SHA-256 of the WAV
 * @param packetsReceived  distinct packets placed in the timeline
 * @param packetsLost      packets missing from the sequence
 * @param packetsDuplicate duplicates dropped
 * @param packetsLate      packets that arrived after a later one
 * @param concealedMs      silence inserted for loss and gaps
 * @param stopReason       why the stream ended, as rtp-ingest saw it ({@code normal}, {@code socket-error},
 *                         {@code rtp-timeout}...; of two channels, the one that ended last); null for imports
 * @param warning          something the user should know about a stored recording (e.g. truncated input); may be null
 * @param reason           why it failed; null when stored
 * @param at               when the recording's audio ended (for a failed import, when its call started); the
 *                         catalog's {@code storedAt} is its own indexing time, not this
 */
public record RecordingEvent(String type, UUID recordingId, String objectKey, long sizeBytes, long durationMs,
                             int sampleRate, int channels, String codec, String sha256, long packetsReceived, long packetsLost,
                             long packetsDuplicate, long packetsLate, long concealedMs, String stopReason, String warning,
                             String reason, Instant at) {
    public static final String STORED = "stored";
    public static final String FAILED = "failed";

    public static RecordingEvent failed(UUID recordingId, String reason, Instant at) {
        return new RecordingEvent(FAILED, recordingId, null, 0, 0, 0, 0, null, null, 0, 0, 0, 0, 0, null, null, reason, at);
    }
}
