package io.callrec.contracts;

import java.util.List;
import java.util.UUID;

/**
 * A batch of frames of one channel of a recording, in arrival order. A phone's recording has one channel; a SIPREC
 * session's has one per direction, each streamed to its own ingest port (possibly on different rtp-ingest
 * processes) and rebuilt side by side. The last batch of a channel has {@code endOfStream} set and carries that
 * channel's counters and stop reason; the recording is complete when every channel has ended.
 *
 * @param recordingId     callrec's id of the recording (the Kafka key, so all its channels meet in one partition)
 * @param channel         which channel these frames are, 0 ≤ channel &lt; channels
 * @param channels        how many channels the recording has: 1 (mono) or 2 (stereo)
 * @param codec           the negotiated codec
 * @param batchSequence   strictly increasing per recording and channel (0, 1, 2, ...; after an rtp-ingest restart it
 *                        jumps to the bound the journal reserved), so a consumer can see duplicates and gaps
 * @param startedAtMillis when the recording was allocated (epoch millis): fixes the object key
 * @param frames          the frames, possibly none
 * @param endOfStream     true on the last batch
 * @param counters        the recording's counters; {@link StreamCounters#NONE} unless end of stream
 * @param stopReason      why the stream ended ({@code normal}, {@code socket-error}, {@code rtp-timeout}...);
 *                        empty unless end of stream
 */
public record FrameBatch(UUID recordingId, int channel, int channels, Codec codec, long batchSequence,
                         long startedAtMillis, List<RtpFrame> frames, boolean endOfStream, StreamCounters counters,
                         String stopReason) {
    public static final int MAX_CHANNELS = 2;

    public FrameBatch {
        requireChannel(channel, channels);
        frames = List.copyOf(frames);
        counters = counters == null ? StreamCounters.NONE : counters;
        stopReason = stopReason == null ? "" : stopReason;
    }

    /** Refuses a channel number that is not one of {@code channels} (1 or 2) channels. */
    static void requireChannel(int channel, int channels) {
        if (channels < 1 || channels > MAX_CHANNELS || channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("channel " + channel + " of " + channels + " channels");
        }
    }

    /** A batch of a mono recording (its only channel). */
    public FrameBatch(UUID recordingId, Codec codec, long batchSequence, long startedAtMillis, List<RtpFrame> frames,
                      boolean endOfStream, StreamCounters counters, String stopReason) {
        this(recordingId, 0, 1, codec, batchSequence, startedAtMillis, frames, endOfStream, counters, stopReason);
    }
}
