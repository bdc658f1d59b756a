package io.callrec.contracts;

import java.util.Locale;
import java.util.Optional;

/** Direction of a recorded call as the phone reports it ({@code dir=in|out}), also in session events. */
public enum CallDirection {
    IN("in"),
    OUT("out");

    private final String wireName;

    CallDirection(String wireName) {
        this.wireName = wireName;
    }

    /** The protocol spelling, also used in session events and the catalog. */
    public String wireName() {
        return wireName;
    }

    /** Direction by name, case-insensitive and trimmed like {@code Codec.byName}; empty for anything else. */
    public static Optional<CallDirection> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        for (CallDirection direction : values()) {
            if (direction.wireName.equals(lower)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
