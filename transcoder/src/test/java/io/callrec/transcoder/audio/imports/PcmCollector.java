package io.callrec.transcoder.audio.imports;

import io.callrec.transcoder.audio.timeline.PcmSink;

import java.util.Arrays;

/** A sink that keeps all the PCM it is given. */
final class PcmCollector implements PcmSink {

    private short[] samples = new short[8192];
    private int size;

    @Override
    public void write(short[] chunk, int offset, int length) {
        if (size + length > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + length));
        }
        System.arraycopy(chunk, offset, samples, size, length);
        size += length;
    }

    short[] samples() {
        return Arrays.copyOf(samples, size);
    }
}
