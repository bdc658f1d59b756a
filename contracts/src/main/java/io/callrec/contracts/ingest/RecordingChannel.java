package io.callrec.contracts.ingest;

import io.callrec.contracts.FrameBatch;
import java.util.UUID;

/**
 * The recording, and the channel of it, that an ingest stream's frames belong to, when the stream is not a whole
 * recording of its own: each direction of a SIPREC session is one stream (its own port and ingest id) and one
 * channel of the session's stereo recording. The stream's frame batches carry {@code recordingId} and the channel.
 *
 * @param recordingId the recording (the catalog entry, the Kafka key of the frames)
 * @param channel     0 ≤ channel &lt; channels
 * @param channels    1 or 2
 */
public record RecordingChannel(UUID recordingId, int channel, int channels) {
    public RecordingChannel {
        if (recordingId == null || channels < 1 || channels > FrameBatch.MAX_CHANNELS || channel < 0
                || channel >= channels) {
            throw new IllegalArgumentException("channel " + channel + " of " + channels + " channels of "
                    + recordingId);
        }
    }
}
