package io.callrec.catalog.api;

/** A query parameter or body field that cannot be understood; answered with 400 and its explanation. */
public class InvalidParameterException extends RuntimeException {
    public InvalidParameterException(String message) {
        super(message);
    }
}
