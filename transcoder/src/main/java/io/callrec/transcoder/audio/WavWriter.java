package io.callrec.transcoder.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams 16-bit PCM into a RIFF/WAVE file on disk: a 44-byte header with placeholder sizes,
 * then the samples as they come, then on {@link #close()} the RIFF and data chunk sizes are
 * patched in. Memory use is one fixed buffer whatever the length.
 *
 * <p>Samples of a stereo file are interleaved (left, right). They may arrive in any chunking; if
 * the file is closed in the middle of a frame, the frame is completed with silence so that the
 * data is always a whole number of frames.
 *
 * <p>Size limit: the RIFF and data sizes are unsigned 32-bit fields, so a WAV file cannot exceed
 * 4 GiB. We refuse to grow past that ({@link WavSizeLimitException}) rather than switch to RF64,
 * which many players and libraries cannot read. At 8 kHz mono that is 74 hours of audio, at
 * 16 kHz mono 37 hours. A refused write writes nothing; the file can still be closed and is
 * valid up to the last accepted write.
 *
 * <p>Not thread-safe.
 */
public final class WavWriter implements Closeable {

    public static final int HEADER_BYTES = 44;
    /** Largest data chunk whose RIFF size (data + 36) still fits an unsigned 32-bit field. */
    public static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - (HEADER_BYTES - 8);

    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final int sampleRate;
    private final int channels;
    private final long maxDataBytes;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** The samples' view of {@link #buffer}: bulk little-endian copies instead of a put per sample. */
    private final ShortBuffer pending = buffer.asShortBuffer();
    private long dataBytes;
    private boolean closed;

    /**
     * Creates (or truncates) {@code file} and writes a provisional header.
     *
     * @param channels 1 (mono) or 2 (stereo, interleaved)
     */
    public WavWriter(Path file, int sampleRate, int channels) throws IOException {
        this(file, sampleRate, channels, MAX_DATA_BYTES);
    }

    /** As the public constructor, with a lower size limit so that tests can reach it. */
    WavWriter(Path file, int sampleRate, int channels, long maxDataBytes) throws IOException {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2: " + channels);
        }
        int blockAlign = 2 * channels;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.maxDataBytes = Math.min(maxDataBytes, MAX_DATA_BYTES) / blockAlign * blockAlign;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeHeader();
            channel.position(HEADER_BYTES);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Appends {@code length} samples (interleaved if stereo).
     *
     * @throws WavSizeLimitException if the file would grow past the RIFF limit; nothing is written
     */
    public void write(short[] samples, int offset, int length) throws IOException {
        if (closed) {
            throw new IllegalStateException("WAV writer is closed");
        }
        long newDataBytes = dataBytes + 2L * length;
        if (roundUpToFrame(newDataBytes) > maxDataBytes) {
            throw new WavSizeLimitException(
                    "WAV data would reach " + newDataBytes + " bytes, over the RIFF limit of " + maxDataBytes
                            + " bytes (" + maxDataBytes / (2L * channels * sampleRate) + " s at " + sampleRate
                            + " Hz, " + channels + " channel(s)); RF64 is not written");
        }
        int from = offset;
        int remaining = length;
        while (remaining > 0) {
            if (!pending.hasRemaining()) {
                drain();
            }
            int chunk = Math.min(remaining, pending.remaining());
            pending.put(samples, from, chunk);
            from += chunk;
            remaining -= chunk;
        }
        dataBytes = newDataBytes;
    }

    /** Completes a partial frame with silence, writes the remaining samples and patches the sizes. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            if (dataBytes != roundUpToFrame(dataBytes)) {
                if (!pending.hasRemaining()) {
                    drain();
                }
                pending.put((short) 0);                   // only stereo has frames of more than one sample
                dataBytes += 2;
            }
            drain();
            writeHeader();
        }
    }

    private long roundUpToFrame(long bytes) {
        long blockAlign = 2L * channels;
        return (bytes + blockAlign - 1) / blockAlign * blockAlign;
    }

    private void drain() throws IOException {
        buffer.limit(2 * pending.position()).position(0);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
        pending.clear();
    }

    /** The canonical 44-byte PCM header for the current data size, written at offset 0 (positional). */
    private void writeHeader() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = 2 * channels;
        header.put(ascii("RIFF")).putInt((int) (HEADER_BYTES - 8 + dataBytes)).put(ascii("WAVE"));
        header.put(ascii("fmt ")).putInt(16)
                .putShort((short) 1)                      // PCM
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * blockAlign)          // byte rate
                .putShort((short) blockAlign)
                .putShort((short) 16);                    // bits per sample
        header.put(ascii("data")).putInt((int) dataBytes);
        header.flip();
        long position = 0;
        while (header.hasRemaining()) {
            position += channel.write(header, position);
        }
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }
}
