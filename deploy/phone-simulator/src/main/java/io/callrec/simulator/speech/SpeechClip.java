package io.callrec.simulator.speech;

import io.callrec.contracts.Codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A speech recording encoded for one codec, cut into 20 ms frames that a call loops over. The
 * bytes are shared by every call and never written after loading.
 */
public final class SpeechClip {
    /** 20 ms of audio: 160 samples of G.711, or 320 samples of G.722 at 4 bits each. */
    public static final int FRAME_BYTES = 160;

    private final Codec codec;
    private final byte[] encoded;
    private final int frameCount;

    SpeechClip(Codec codec, byte[] encoded) {
        if (encoded.length == 0 || encoded.length % FRAME_BYTES != 0) {
            throw new IllegalArgumentException(codec + " speech must be whole 160-byte frames, has " + encoded.length + " bytes");
        }
        this.codec = codec;
        this.encoded = encoded;
        this.frameCount = encoded.length / FRAME_BYTES;
    }

    public Codec codec() {
        return codec;
    }

    public int frameCount() {
        return frameCount;
    }

    /** Puts the frame that packet {@code packetIndex} carries into {@code packet}; allocates nothing. */
    public void putFrame(int packetIndex, ByteBuffer packet) {
        packet.put(encoded, frameOffset(packetIndex), FRAME_BYTES);
    }

    /** A copy of the frame that packet {@code packetIndex} carries. */
    public byte[] frame(int packetIndex) {
        int offset = frameOffset(packetIndex);
        return Arrays.copyOfRange(encoded, offset, offset + FRAME_BYTES);
    }

    private int frameOffset(int packetIndex) {
        return (packetIndex % frameCount) * FRAME_BYTES;
    }
}
