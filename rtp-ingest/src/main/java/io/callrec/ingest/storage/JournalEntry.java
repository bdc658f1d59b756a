package io.callrec.ingest.storage;

import io.callrec.contracts.Codec;
import io.callrec.contracts.ingest.RecordingChannel;
import io.callrec.contracts.ingest.SourceLatch;
import java.util.UUID;

/**
 * What a restarted instance needs to continue (or finish) one stream.
 *
 * @param recordingId           the stream's id here (the recording's, for a phone's mono recording)
 * @param sequencesReservedUpTo batch sequences below this may already be in Kafka; a restarted instance continues
 *                              from here, so a recording's sequences keep increasing across restarts
 * @param gatewayId             null when the recording has no gateway lease
 * @param endReason             null while open; set once the stream ended and its end-of-stream batch is on its
 *                              way to Kafka (a restarted instance then only sends that batch again)
 * @param latch                 which source the port accepts; null (journals written before it existed) means
 *                              the phone's address
 * @param channelOf             the recording and channel the stream's batches are for; null (also in journals
 *                              written before it existed) means the stream is the mono recording {@code recordingId}
 * @param held                  on hold: no RTP timeout but the hold timeout
 */
public record JournalEntry(UUID recordingId, Codec codec, int port, String phoneAddress, long startedAtMillis,
                           String gatewayId, long sequencesReservedUpTo, String endReason, SourceLatch latch,
                           RecordingChannel channelOf, boolean held) {

    /** Where the stream's batches go: {@code channelOf}, or channel 0 of the mono recording of the same id. */
    public RecordingChannel batchesFor() {
        return channelOf != null ? channelOf : new RecordingChannel(recordingId, 0, 1);
    }

    public JournalEntry onPort(int boundPort) {
        return new JournalEntry(recordingId, codec, boundPort, phoneAddress, startedAtMillis, gatewayId,
                sequencesReservedUpTo, endReason, latch, channelOf, held);
    }

    public JournalEntry reservedUpTo(long sequence) {
        return new JournalEntry(recordingId, codec, port, phoneAddress, startedAtMillis, gatewayId, sequence,
                endReason, latch, channelOf, held);
    }

    public JournalEntry endedWith(String reason) {
        return new JournalEntry(recordingId, codec, port, phoneAddress, startedAtMillis, gatewayId,
                sequencesReservedUpTo, reason, latch, channelOf, held);
    }

    public JournalEntry heldOn(boolean on) {
        return new JournalEntry(recordingId, codec, port, phoneAddress, startedAtMillis, gatewayId,
                sequencesReservedUpTo, endReason, latch, channelOf, on);
    }
}
