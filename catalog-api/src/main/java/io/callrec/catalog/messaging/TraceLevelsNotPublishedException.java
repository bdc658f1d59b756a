package io.callrec.catalog.messaging;

/** The trace levels could not be handed to Kafka: the other services do not have them yet. */
public class TraceLevelsNotPublishedException extends RuntimeException {
    public TraceLevelsNotPublishedException(Throwable cause) {
        super("trace levels not published: " + cause.getMessage(), cause);
    }
}
