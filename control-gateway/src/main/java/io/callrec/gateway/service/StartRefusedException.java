package io.callrec.gateway.service;

/** A start the gateway refuses; {@code reason} is the short code the phone gets ({@code no-capacity}, ...). */
public class StartRefusedException extends RuntimeException {
    private final String reason;

    public StartRefusedException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
