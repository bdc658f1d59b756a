package io.callrec.gateway.service.ingest;

/** No ingest instance could take the recording. */
public class NoIngestCapacityException extends RuntimeException {
    public NoIngestCapacityException(String message) {
        super(message);
    }
}
