package io.callrec.catalog.audio;

/** The object is not a 16-bit PCM WAV this service can read. */
public class WavFormatException extends RuntimeException {
    public WavFormatException(String message) {
        super(message);
    }
}
