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
 * @param channels                 1, or 2 for a two-way PCAP import or a SIPREC session (one direction each)
 * @param stopReason               why the stream ended (the channel that ended last); null for imports
 * @param warning                  something the user should know (lost or truncated input); may be null
 */
public record AssembledRecording(UUID recordingId, Instant startedAt, Instant endedAt, Path wavFile, int sampleRate,
                                 int channels, String codec, TimelineFigures figures, long duplicatesBeforeTimeline,
                                 String stopReason, String warning) {
    /** The warning of a recording longer than a WAV file can hold. */
    public static final String CUT_AT_WAV_LIMIT = "longer than a WAV file can hold (4 GiB): cut at the limit";

    /** What a streamed recording's user should know: audio lost before the transcoder, or cut at the WAV limit. */
    static String streamWarning(long droppedAtIngest, long batchesMissing, boolean cutAtWavLimit) {
        if (cutAtWavLimit) {
            return CUT_AT_WAV_LIMIT;
        }
        if (droppedAtIngest > 0 || batchesMissing > 0) {
            return droppedAtIngest + " packets dropped at ingest, " + batchesMissing
                    + " frame batches missing: audio was lost before the transcoder";
        }
        return null;
    }
}
