package io.callrec.ingest.ingest;

/** What the gateway reads to balance recordings over ingest instances. */
public record IngestStatus(String host, int activeSessions, int freePorts, int capacity, long bufferedBytes) {
}
