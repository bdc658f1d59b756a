package io.callrec.transcoder.audio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class G711Test {

    @Test
    void decodesEveryALawCodeWordAsSoxDoes() {
        assertThat(decodeAll(G711.A_LAW, Fixtures.bytes("all-codes.bin")))
                .containsExactly(Fixtures.pcm("all-codes-alaw-sox.pcm"));
    }

    @Test
    void decodesEveryMuLawCodeWordAsSoxDoes() {
        assertThat(decodeAll(G711.MU_LAW, Fixtures.bytes("all-codes.bin")))
                .containsExactly(Fixtures.pcm("all-codes-ulaw-sox.pcm"));
    }

    @Test
    void decodesALawSpeechAsSoxDoes() {
        assertThat(decodeAll(G711.A_LAW, Fixtures.bytes("speech-8k.alaw")))
                .containsExactly(Fixtures.pcm("speech-8k-alaw-sox.pcm"));
    }

    @Test
    void decodesMuLawSpeechAsSoxDoes() {
        assertThat(decodeAll(G711.MU_LAW, Fixtures.bytes("speech-8k.ulaw")))
                .containsExactly(Fixtures.pcm("speech-8k-ulaw-sox.pcm"));
    }

    @Test
    void mapsG711ReferencePointsToTheMiddleOfTheirIntervals() {
        // A-law: 0xD5/0x55 are the smallest positive/negative steps (±1 in 13 bits, ±8 in 16),
        // 0xAA/0x2A the largest (±4032 in 13 bits).
        assertThat(decodeAll(G711.A_LAW, new byte[]{(byte) 0xD5, 0x55, (byte) 0xAA, 0x2A}))
                .containsExactly(8, -8, 32256, -32256);
        // μ-law: 0xFF and 0x7F are +0 and -0, 0x80/0x00 the extremes (±8031 in 14 bits).
        assertThat(decodeAll(G711.MU_LAW, new byte[]{(byte) 0xFF, 0x7F, (byte) 0x80, 0x00}))
                .containsExactly(0, 0, 32124, -32124);
    }

    @Test
    void decodesOnlyTheGivenRangeIntoTheGivenPlace() {
        byte[] in = {0x00, (byte) 0xD5, (byte) 0xD5, 0x00};
        short[] out = {1, 1, 1, 1};

        int written = G711.A_LAW.decode(in, 1, 2, out, 2);

        assertThat(written).isEqualTo(2);
        assertThat(out).containsExactly(1, 1, 8, 8);
    }

    private static short[] decodeAll(AudioDecoder decoder, byte[] in) {
        short[] out = new short[in.length];
        decoder.decode(in, 0, in.length, out, 0);
        return out;
    }
}
