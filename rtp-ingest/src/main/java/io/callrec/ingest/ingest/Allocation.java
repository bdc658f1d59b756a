package io.callrec.ingest.ingest;

/** Where the phone sends its RTP. */
public record Allocation(String host, int port) {
}
