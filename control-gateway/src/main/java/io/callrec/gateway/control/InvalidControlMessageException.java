package io.callrec.gateway.control;

import java.util.Optional;

/**
 * A control line that cannot be acted on. It becomes a {@code result=failed} answer, never a
 * dropped connection, so it carries what the answer needs: the reason code, and the command and
 * id when they could be read so the phone can match the answer to its request.
 */
public final class InvalidControlMessageException extends Exception {

    /** The {@code reason=} code of the answer. */
    public enum Reason {
        INVALID_REQUEST("invalid-request"),
        UNSUPPORTED_CODEC("unsupported-codec");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final ControlCommand command;
    private final String id;

    public InvalidControlMessageException(Reason reason, String message, ControlCommand command, String id) {
        // No stack trace: hostile phones can send bad lines at line rate, and the trace says nothing
        // the message does not.
        super(message, null, false, false);
        this.reason = reason;
        this.command = command;
        this.id = id;
    }

    public Reason reason() {
        return reason;
    }

    /** The request's command, when the line named a known one. */
    public Optional<ControlCommand> command() {
        return Optional.ofNullable(command);
    }

    /** The phone's id, when the line carried exactly one readable, non-empty id. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }
}
