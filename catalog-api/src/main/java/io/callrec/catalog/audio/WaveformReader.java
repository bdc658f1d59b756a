package io.callrec.catalog.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Computes a {@link Waveform} from a 16-bit PCM RIFF/WAVE stream in one pass, a buffer at a time, so a one-hour
 * recording is never held in memory. Chunks other than {@code fmt } and {@code data} (LIST, fact, ...) are skipped.
 */
public final class WaveformReader {
    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final int BITS = 16;
    private static final double FULL_SCALE = 32768.0;
    private static final int FRAMES_PER_READ = 4096;

    private WaveformReader() {
    }

    /**
     * @param wav        the file from its first byte; not closed here
     * @param totalBytes the file's size: a data chunk claiming more (an unfinished header) is cut to the file
     * @param maxBuckets slices per channel; fewer when the recording has fewer frames
     */
    public static Waveform read(InputStream wav, long totalBytes, int maxBuckets) throws IOException {
        byte[] riff = readExactly(wav, 12);
        if (!"RIFF".equals(ascii(riff, 0)) || !"WAVE".equals(ascii(riff, 8))) {
            throw new WavFormatException("not a RIFF/WAVE file");
        }
        long position = 12;
        Format format = null;
        while (true) {
            byte[] chunk = readExactly(wav, 8);
            position += 8;
            String id = ascii(chunk, 0);
            long size = uint32(chunk, 4);
            if ("data".equals(id)) {
                if (format == null) {
                    throw new WavFormatException("the data chunk comes before the fmt chunk");
                }
                return peaks(wav, format, Math.min(size, totalBytes - position), maxBuckets);
            }
            if ("fmt ".equals(id)) {
                if (size < 16) {
                    throw new WavFormatException("fmt chunk of " + size + " bytes");
                }
                format = Format.of(readExactly(wav, (int) size));
            } else {
                skipExactly(wav, size);
            }
            // Chunks are padded to an even length.
            long padded = size + (size & 1);
            if (padded > size) {
                skipExactly(wav, 1);
            }
            position += padded;
        }
    }

    private static Waveform peaks(InputStream wav, Format format, long dataBytes, int maxBuckets)
            throws IOException {
        int channels = format.channels();
        int frameBytes = channels * 2;
        long frames = Math.max(0, dataBytes) / frameBytes;
        int buckets = (int) Math.min(maxBuckets, frames);
        int[][] peak = new int[channels][buckets];
        byte[] buffer = new byte[FRAMES_PER_READ * frameBytes];
        long frame = 0;
        while (frame < frames) {
            int count = (int) Math.min(FRAMES_PER_READ, frames - frame);
            readFully(wav, buffer, count * frameBytes);
            for (int offset = 0; offset < count * frameBytes; offset += frameBytes, frame++) {
                int bucket = (int) (frame * buckets / frames);
                for (int channel = 0; channel < channels; channel++) {
                    int at = offset + channel * 2;
                    int amplitude = Math.abs((short) ((buffer[at] & 0xFF) | (buffer[at + 1] << 8)));
                    if (amplitude > peak[channel][bucket]) {
                        peak[channel][bucket] = amplitude;
                    }
                }
            }
        }
        double[][] scaled = new double[channels][buckets];
        for (int channel = 0; channel < channels; channel++) {
            for (int bucket = 0; bucket < buckets; bucket++) {
                scaled[channel][bucket] = Math.round(peak[channel][bucket] / FULL_SCALE * 100) / 100.0;
            }
        }
        return new Waveform(channels, frames * 1000 / format.sampleRate(), scaled);
    }

    private record Format(int channels, int sampleRate) {
        static Format of(byte[] fmt) {
            int tag = uint16(fmt, 0);
            int channels = uint16(fmt, 2);
            int sampleRate = (int) uint32(fmt, 4);
            int blockAlign = uint16(fmt, 12);
            int bits = uint16(fmt, 14);
            if ((tag != PCM && tag != EXTENSIBLE) || bits != BITS) {
                throw new WavFormatException("format " + tag + " with " + bits + " bits; only 16-bit PCM is read");
            }
            if (channels < 1 || sampleRate < 1 || blockAlign != channels * 2) {
                throw new WavFormatException(channels + " channels at " + sampleRate + " Hz, block " + blockAlign);
            }
            return new Format(channels, sampleRate);
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        readFully(in, bytes, length);
        return bytes;
    }

    private static void readFully(InputStream in, byte[] into, int length) throws IOException {
        if (in.readNBytes(into, 0, length) < length) {
            throw new WavFormatException("the file ends inside its header or data");
        }
    }

    private static void skipExactly(InputStream in, long length) throws IOException {
        try {
            in.skipNBytes(length);
        } catch (EOFException e) {
            throw new WavFormatException("the file ends inside a chunk");
        }
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }

    private static int uint16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    private static long uint32(byte[] bytes, int offset) {
        return (uint16(bytes, offset) | (long) uint16(bytes, offset + 2) << 16);
    }
}
