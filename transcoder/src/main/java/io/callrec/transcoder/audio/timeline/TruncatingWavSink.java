package io.callrec.transcoder.audio.timeline;

import io.callrec.transcoder.audio.WavSizeLimitException;
import io.callrec.transcoder.audio.WavWriter;
import java.io.IOException;

/**
 * Writes a timeline's PCM into a WAV until the file is as large as a WAV can be (4 GiB); the rest of the call is
 * dropped rather than failing the recording, and {@link #cutAtLimit()} says so (the user is told).
 */
public final class TruncatingWavSink implements PcmSink {
    private final WavWriter wav;
    private boolean cutAtLimit;

    public TruncatingWavSink(WavWriter wav) {
        this.wav = wav;
    }

    @Override
    public void write(short[] samples, int offset, int length) throws IOException {
        if (cutAtLimit) {
            return;
        }
        try {
            wav.write(samples, offset, length);
        } catch (WavSizeLimitException e) {
            cutAtLimit = true;
        }
    }

    public boolean cutAtLimit() {
        return cutAtLimit;
    }
}
