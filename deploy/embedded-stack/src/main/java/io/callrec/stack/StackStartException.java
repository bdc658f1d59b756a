package io.callrec.stack;

/** A part of the stack could not start; the message names the part and the reason in one line. */
public class StackStartException extends RuntimeException {
    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
