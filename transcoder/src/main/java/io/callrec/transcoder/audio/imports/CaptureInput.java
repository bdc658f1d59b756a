package io.callrec.transcoder.audio.imports;

import java.io.IOException;
import java.io.InputStream;

/** A capture file's bytes read in order, counting the position for warnings. */
final class CaptureInput {

    private final InputStream in;
    private long position;

    CaptureInput(InputStream in) {
        this.in = in;
    }

    /** Reads {@code len} bytes; fewer only at the end of the input. */
    int read(byte[] buf, int off, int len) throws IOException {
        int read = in.readNBytes(buf, off, len);
        position += read;
        return read;
    }

    /** Skips {@code count} bytes without keeping them; returns fewer only at the end of the input. */
    long skip(long count) throws IOException {
        long skipped = 0;
        while (skipped < count) {
            long step = in.skip(count - skipped);
            if (step <= 0) {
                if (in.read() < 0) {
                    break;
                }
                step = 1;
            }
            skipped += step;
        }
        position += skipped;
        return skipped;
    }

    /** Bytes consumed so far. */
    long position() {
        return position;
    }
}
