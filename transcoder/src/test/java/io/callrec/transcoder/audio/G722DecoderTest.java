package io.callrec.transcoder.audio;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Bit-exact against libavcodec's G.722 decoder (ffmpeg 5.1), on the fixtures in resources/audio. */
class G722DecoderTest {

    @Test
    void decodesSpeechBitExactlyAsFfmpeg() {
        assertThat(decode(Fixtures.bytes("speech-16k.g722")))
                .containsExactly(Fixtures.pcm("speech-16k-g722-ffmpeg.pcm"));
    }

    @Test
    void decodesNearFullScaleNoiseSweepAndSquareBitExactlyAsFfmpeg() {
        assertThat(decode(Fixtures.bytes("stress-16k.g722")))
                .containsExactly(Fixtures.pcm("stress-16k-g722-ffmpeg.pcm"));
    }

    @Test
    void decodesArbitraryCodeWordsIntoSaturationBitExactlyAsFfmpeg() {
        short[] expected = Fixtures.pcm("random-g722-ffmpeg.pcm");
        // The fixture only proves the limits if it reaches them.
        assertThat(expected).contains(Short.MIN_VALUE, Short.MAX_VALUE);

        assertThat(decode(Fixtures.bytes("random.g722"))).containsExactly(expected);
    }

    @Test
    void givesTwoSamplesPerByte() {
        G722Decoder decoder = new G722Decoder();
        short[] out = new short[10];

        assertThat(decoder.decode(new byte[5], 0, 5, out, 0)).isEqualTo(10);
        assertThat(decoder.samplesPerByte()).isEqualTo(2);
    }

    @Test
    void carriesItsStateFromOnePacketToTheNext() {
        byte[] in = Fixtures.bytes("speech-16k.g722");
        G722Decoder decoder = new G722Decoder();
        short[] out = new short[in.length * 2];
        // Uneven packet sizes, as a stream might have.
        int[] sizes = {160, 1, 79, 320, 7};
        for (int off = 0, i = 0; off < in.length; i++) {
            int len = Math.min(sizes[i % sizes.length], in.length - off);
            decoder.decode(in, off, len, out, off * 2);
            off += len;
        }

        assertThat(out).containsExactly(Fixtures.pcm("speech-16k-g722-ffmpeg.pcm"));
    }

    @Test
    void resetForgetsThePreviousStream() {
        byte[] in = Fixtures.bytes("speech-16k.g722");
        byte[] opening = Arrays.copyOf(in, 800);
        G722Decoder decoder = new G722Decoder();
        short[] out = new short[in.length * 2];
        decoder.decode(in, 0, in.length, out, 0);

        decoder.reset();
        short[] afterReset = new short[opening.length * 2];
        decoder.decode(opening, 0, opening.length, afterReset, 0);

        assertThat(afterReset).containsExactly(Arrays.copyOf(Fixtures.pcm("speech-16k-g722-ffmpeg.pcm"), 1600));
    }

    private static short[] decode(byte[] in) {
        short[] out = new short[in.length * 2];
        new G722Decoder().decode(in, 0, in.length, out, 0);
        return out;
    }
}
