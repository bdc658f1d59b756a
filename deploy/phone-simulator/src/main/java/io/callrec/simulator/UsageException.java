package io.callrec.simulator;

/** A command line the simulator cannot run; the message says which flag is wrong and why. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
