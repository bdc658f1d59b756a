package io.callrec.transcoder.audio;

import io.callrec.contracts.Codec;

/**
 * Turns one codec's payload bytes into 16-bit PCM. A decoder belongs to one stream: stateful
 * codecs (G.722) carry their adaptive state from one call of {@link #decode} to the next.
 */
public interface AudioDecoder {

    /**
     * Decodes {@code len} bytes from {@code in[off]} into {@code out[outOff]}, which must have room
     * for {@code len * samplesPerByte()} samples.
     *
     * @return the number of samples written
     */
    int decode(byte[] in, int off, int len, short[] out, int outOff);

    /** PCM samples produced per payload byte. */
    int samplesPerByte();

    /** Forgets all state, as for a new stream. */
    void reset();

    /** A fresh decoder for the codec. */
    static AudioDecoder forCodec(Codec codec) {
        return switch (codec) {
            case PCMA -> G711.A_LAW;
            case PCMU -> G711.MU_LAW;
            case G722 -> new G722Decoder();
        };
    }
}
