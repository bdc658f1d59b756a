package io.callrec.simulator.control;

import java.io.IOException;

/** The recorder answered something other than what the protocol promises, or refused a stop. */
public final class ControlException extends IOException {
    public ControlException(String message) {
        super(message);
    }
}
