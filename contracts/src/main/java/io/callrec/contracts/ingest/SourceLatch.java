package io.callrec.contracts.ingest;

/** Which RTP source a recording's port accepts. */
public enum SourceLatch {
    /** Only the given source address (a phone streams from the address it signalled from); the default. */
    SOURCE_ADDRESS,
    /**
     * The address and port of the first valid RTP packet, whatever the given address: a SIPREC client streams from
     * media addresses that are not in its signalling (RFC 7866).
     */
    FIRST_SOURCE
}
