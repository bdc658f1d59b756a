package io.callrec.transcoder.service;

import io.callrec.transcoder.audio.timeline.TimelineFigures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * A finished WAV in the spool folder, with what the catalog needs to know about it.
 *
 * @param codec                    PCMA, PCMU or G722; two codecs of a two-way capture joined by {@code +}
 * @param duplicatesBeforeTimeline duplicates already dropped upstream (by rtp-ingest)
 * @param stopReason               why the stream ended; null for imports
 * @param warning                  something the user should know (lost or truncated input); may be null
 */
public record AssembledRecording(UUID recordingId, Instant startedAt, Instant endedAt, Path wavFile, int sampleRate,
                                 int channels, String codec, TimelineFigures figures, long duplicatesBeforeTimeline,
                                 String stopReason, String warning) {
}
