package io.callrec.contracts.ingest;

import java.util.UUID;

/**
 * {@code POST /internal/sessions}: open a UDP port for a recording.
 *
 * @param recordingId     the stream's id at the ingest (the recording's id, unless {@code channelOf} is given);
 *                        asking again with the same id gives the same port
 * @param codec           PCMA, PCMU or G722
 * @param sourceIp        the phone's IP address (a literal), the only source accepted
 * @param startedAtMillis when the gateway accepted the start (epoch milliseconds)
 * @param gatewayId       the asking control-gateway process; its recordings end with {@code gateway-lost} when
 *                        it stops renewing its lease (see {@link IngestStatus})
 * @param latch           which source the port accepts; null means {@link SourceLatch#SOURCE_ADDRESS}
 * @param channelOf       the recording and channel the stream's frames belong to; null means the stream is the
 *                        whole mono recording {@code recordingId}
 */
public record AllocationRequest(UUID recordingId, String codec, String sourceIp, long startedAtMillis,
                                String gatewayId, SourceLatch latch, RecordingChannel channelOf) {
}
