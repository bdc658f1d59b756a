package io.callrec.transcoder.audio;

import java.io.IOException;

/** A WAV file would grow past the 4 GiB a RIFF header can describe. */
public final class WavSizeLimitException extends IOException {
    public WavSizeLimitException(String message) {
        super(message);
    }
}
