package io.callrec.catalog.service;

/** An upload refused before anything was stored: not the kind of file it should be, or too large. */
public class RejectedUploadException extends RuntimeException {
    private final boolean tooLarge;

    public RejectedUploadException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
