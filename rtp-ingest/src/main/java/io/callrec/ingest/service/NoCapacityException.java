package io.callrec.ingest.service;

/** No UDP port is free on this instance. */
public class NoCapacityException extends RuntimeException {
    public NoCapacityException(String message) {
        super(message);
    }
}
