package io.callrec.simulator.call;

/** Direction of the simulated call as the phone reports it ({@code dir=in|out}). */
public enum CallDirection {
    IN("in"),
    OUT("out");

    private final String wireName;

    CallDirection(String wireName) {
        this.wireName = wireName;
    }

    /** The protocol spelling. */
    public String wireName() {
        return wireName;
    }
}
