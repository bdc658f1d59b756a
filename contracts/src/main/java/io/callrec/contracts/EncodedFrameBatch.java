package io.callrec.contracts;

import java.util.UUID;

/**
 * A frame batch in its wire form ({@link FrameBatchCodec}), with the header fields a producer needs (the Kafka key,
 * its bookkeeping and logs) without decoding it.
 *
 * @param recordingId   callrec's id of the recording: the Kafka key
 * @param batchSequence the batch's sequence number
 * @param frames        how many frames it holds
 * @param endOfStream   true on the channel's last batch
 * @param bytes         the record's value
 */
public record EncodedFrameBatch(UUID recordingId, long batchSequence, int frames, boolean endOfStream, byte[] bytes) {
}
