package io.callrec.transcoder.audio;

/**
 * ITU-T G.711 A-law and μ-law to 16-bit linear PCM. Each of the 256 code words maps to the
 * middle of its quantisation interval (G.711 Tables 1 and 2), scaled to 16 bits: A-law's 13-bit
 * values shifted left by 3, μ-law's 14-bit values by 2. The tables are built once; G.711 has no
 * state, so one instance serves every stream.
 */
public enum G711 implements AudioDecoder {
    A_LAW {
        @Override
        short linear(int code) {
            int inverted = code ^ 0x55;                 // even bits are transmitted inverted
            int mantissa = inverted & 0x0F;
            int segment = (inverted & 0x70) >> 4;
            int magnitude = segment == 0
                    ? (mantissa << 4) + 8
                    : ((mantissa << 4) + 0x108) << (segment - 1);
            return (short) ((code & 0x80) != 0 ? magnitude : -magnitude);
        }
    },
    MU_LAW {
        private static final int BIAS = 0x84;

        @Override
        short linear(int code) {
            int inverted = ~code & 0xFF;                // all bits are transmitted inverted
            int mantissa = inverted & 0x0F;
            int segment = (inverted & 0x70) >> 4;
            int biased = ((mantissa << 3) + BIAS) << segment;
            return (short) ((inverted & 0x80) != 0 ? BIAS - biased : biased - BIAS);
        }
    };

    private final short[] table = new short[256];

    G711() {
        for (int code = 0; code < 256; code++) {
            table[code] = linear(code);
        }
    }

    /** The 16-bit value of one code word (0..255); used once per code word to fill the table. */
    abstract short linear(int code);

    @Override
    public int decode(byte[] in, int off, int len, short[] out, int outOff) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = table[in[off + i] & 0xFF];
        }
        return len;
    }

    @Override
    public int samplesPerByte() {
        return 1;
    }

    @Override
    public void reset() {
        // G.711 is stateless.
    }
}
