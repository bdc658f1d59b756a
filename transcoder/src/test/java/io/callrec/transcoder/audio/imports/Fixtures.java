package io.callrec.transcoder.audio.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/** Fixture files under {@code src/test/resources/imports} and small test aids. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream("/imports/" + path), path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw signed 16-bit little-endian PCM as samples. */
    static short[] pcm(String path) {
        byte[] raw = bytes(path);
        short[] samples = new short[raw.length / 2];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** Bytes allocated by this thread so far (HotSpot), to show that absurd lengths are not allocated. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
