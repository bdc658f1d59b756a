package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.Codec;

import java.nio.ByteOrder;

/**
 * The 76-byte header of a phone USB recording ("Local Recording File Format"):
 * {@code char codec[64] | int32 rtpLen | int32 increment | uint32 dataSize}, then {@code dataSize} bytes
 * of {@code rtpLen}-byte units.
 *
 * @param codec      the recording's codec, from the NUL-padded name
 * @param byteOrder  byte order of the three integers (the phones write little-endian)
 * @param unitLength {@code rtpLen}: bytes per unit, 1..65535
 * @param increment  RTP timestamp step per unit, 1..65535
 * @param dataSize   total bytes of units the header declares
 */
public record UsbHeader(Codec codec, ByteOrder byteOrder, int unitLength, int increment, long dataSize) {

    public static final int BYTES = 76;
    static final int CODEC_NAME_BYTES = 64;
    static final int UNIT_LENGTH_OFFSET = 64;
    static final int INCREMENT_OFFSET = 68;
    static final int DATA_SIZE_OFFSET = 72;

    private static final long MICROS_PER_SECOND = 1_000_000;

    /** Units the header declares. */
    public long units() {
        return dataSize / unitLength;
    }

    /**
     * Playback length as the phone computes it from the header:
     * {@code dataSize / rtpLen × increment / clockRate} seconds, with the codec's RTP clock rate (8 kHz for
     * all three, G.722 included). It counts the audio in the file; a pause in the recording adds nothing.
     */
    public long durationMicros() {
        long ticks = units() * increment;              // at most 2^32 × 2^16: no overflow
        int clockRate = codec.rtpClockRate();
        return ticks / clockRate * MICROS_PER_SECOND + ticks % clockRate * MICROS_PER_SECOND / clockRate;
    }
}
