package io.callrec.contracts;

import java.util.List;
import java.util.UUID;

/**
 * A batch of frames of one recording, in arrival order. The last batch of a recording has
 * {@code endOfStream} set and carries the counters and the stop reason.
 *
 * @param recordingId     callrec's id of the recording (the Kafka key)
 * @param codec           the negotiated codec
 * @param batchSequence   strictly increasing per recording (0, 1, 2, ...; after an rtp-ingest restart it jumps to
 *                        the bound the journal reserved), so a consumer can see duplicates and gaps
 * @param startedAtMillis when the recording was allocated (epoch millis): fixes the object key
 * @param frames          the frames, possibly none
 * @param endOfStream     true on the last batch
 * @param counters        the recording's counters; {@link StreamCounters#NONE} unless end of stream
 * @param stopReason      why the stream ended ({@code normal}, {@code socket-error}, {@code rtp-timeout}...);
 *                        empty unless end of stream
 */
public record FrameBatch(UUID recordingId, Codec codec, long batchSequence, long startedAtMillis,
                         List<RtpFrame> frames, boolean endOfStream, StreamCounters counters, String stopReason) {
    public FrameBatch {
        frames = List.copyOf(frames);
        counters = counters == null ? StreamCounters.NONE : counters;
        stopReason = stopReason == null ? "" : stopReason;
    }
}
