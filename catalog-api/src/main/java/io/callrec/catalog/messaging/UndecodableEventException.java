package io.callrec.catalog.messaging;

/** A record that is no event the catalog knows; the message says why, for the dead letter. */
public final class UndecodableEventException extends Exception {

    public UndecodableEventException(String reason) {
        super(reason);
    }
}
