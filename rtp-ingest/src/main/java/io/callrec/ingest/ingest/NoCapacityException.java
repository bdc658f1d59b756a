package io.callrec.ingest.ingest;

/** No UDP port is free on this instance. */
public class NoCapacityException extends RuntimeException {
    public NoCapacityException(String message) {
        super(message);
    }
}
