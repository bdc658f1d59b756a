package io.callrec.catalog.messaging;

import io.callrec.contracts.ImportRequest;

/** An import request could not be handed to Kafka. */
public class ImportQueueException extends RuntimeException {
    public ImportQueueException(ImportRequest request, Throwable cause) {
        super("could not queue recording " + request.recordingId() + " for conversion: " + cause.getMessage(), cause);
    }
}
