package io.callrec.contracts.ingest;

/**
 * {@code GET /internal/status?gatewayId=}: what the gateway reads to balance recordings over ingest instances.
 * The call also renews the asking gateway's lease.
 *
 * @param host           the address phones are told to send RTP to
 * @param instanceId     changes every time the process starts: a gateway that sees a new one checks that its
 *                       recordings survived the restart ({@link PresenceCheck})
 * @param activeSessions recordings open now
 * @param freePorts      ports that can be handed out now
 * @param capacity       ports in the range
 * @param bufferedBytes  frame bytes waiting for Kafka
 */
public record IngestStatus(String host, String instanceId, int activeSessions, int freePorts, int capacity,
                           long bufferedBytes) {
}
