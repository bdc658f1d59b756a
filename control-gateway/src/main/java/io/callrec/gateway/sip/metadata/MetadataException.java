package io.callrec.gateway.sip.metadata;

/** Metadata we do not read (too big, not XML, a DTD, another document); the session is recorded without it. */
public class MetadataException extends Exception {
    public MetadataException(String message) {
        super(message);
    }
}
