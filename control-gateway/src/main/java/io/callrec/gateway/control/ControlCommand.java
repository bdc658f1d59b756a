package io.callrec.gateway.control;

import java.util.Optional;

/** The requests a phone sends, each with the name of the answer it expects. */
public enum ControlCommand {
    RECORD_START("RecordStartRequest", "RecordStartResponse"),
    RECORD_STOP("RecordStopRequest", "RecordStopResponse");

    private final String requestName;
    private final String responseName;

    ControlCommand(String requestName, String responseName) {
        this.requestName = requestName;
        this.responseName = responseName;
    }

    /** The {@code cmd} value of the request. */
    public String requestName() {
        return requestName;
    }

    /** The {@code cmd} value of the answer. */
    public String responseName() {
        return responseName;
    }

    /** Command by its exact request name (the vendor spells them one way); empty for anything else. */
    public static Optional<ControlCommand> byRequestName(String name) {
        for (ControlCommand command : values()) {
            if (command.requestName.equals(name)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
