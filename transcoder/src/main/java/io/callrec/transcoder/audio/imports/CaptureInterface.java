package io.callrec.transcoder.audio.imports;

/**
 * A pcapng interface: its link type and how its timestamps count (if_tsresol, if_tsoffset).
 *
 * @param binaryResolution timestamps count 2^-exponent seconds, else 10^-exponent seconds
 * @param offsetSeconds    added to every timestamp
 */
record CaptureInterface(int linkType, long snapLength, boolean binaryResolution, int exponent, long offsetSeconds) {

    static final int DEFAULT_DECIMAL_EXPONENT = 6;
    /** 10^-18 s: more would not fit in a long. */
    private static final int MAX_DECIMAL_EXPONENT = 18;
    /** 2^-40 s: the fraction times a million must still fit in a long. */
    private static final int MAX_BINARY_EXPONENT = 40;
    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final int MICROS_DECIMAL_EXPONENT = 6;

    boolean hasSupportedResolution() {
        return exponent <= (binaryResolution ? MAX_BINARY_EXPONENT : MAX_DECIMAL_EXPONENT);
    }

    /** An unsigned 64-bit timestamp in this interface's units as microseconds since the epoch. */
    long micros(long timestamp) {
        long offset = offsetSeconds * MICROS_PER_SECOND;
        if (binaryResolution) {
            long fractionMask = (1L << exponent) - 1;
            return offset + (timestamp >>> exponent) * MICROS_PER_SECOND
                    + ((timestamp & fractionMask) * MICROS_PER_SECOND >>> exponent);
        }
        if (exponent <= MICROS_DECIMAL_EXPONENT) {
            return offset + timestamp * powerOfTen(MICROS_DECIMAL_EXPONENT - exponent);
        }
        return offset + Long.divideUnsigned(timestamp, powerOfTen(exponent - MICROS_DECIMAL_EXPONENT));
    }

    private static long powerOfTen(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
