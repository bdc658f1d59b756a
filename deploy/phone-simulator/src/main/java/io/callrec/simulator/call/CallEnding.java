package io.callrec.simulator.call;

/** How a simulated call ended. */
public enum CallEnding {
    /** The phone sent a stop request and the recorder confirmed it. */
    STOPPED,
    /** The phone closed its control connection without a stop, as planned. */
    TCP_DROPPED,
    /** Something went wrong; {@link SentCall#failureReason()} says what. */
    FAILED
}
