package io.callrec.transcoder.audio.timeline;

import java.io.IOException;

/**
 * Receives a recording's decoded audio in playing order. {@code WavWriter::write} is one.
 * The array is reused after the call returns: copy what you keep.
 */
@FunctionalInterface
public interface PcmSink {
    void write(short[] samples, int offset, int length) throws IOException;
}
