package io.callrec.simulator.speech;

import io.callrec.contracts.Codec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechSourceTest {
    private static final SpeechSource SPEECH = SpeechSource.shipped();

    @ParameterizedTest
    @EnumSource(Codec.class)
    void shipsAFewSecondsOfSpeechPerCodec(Codec codec) {
        SpeechClip clip = SPEECH.clip(codec);

        assertThat(clip.codec()).isEqualTo(codec);
        // 20 ms frames: 4 to 6 seconds.
        assertThat(clip.frameCount()).isBetween(200, 300);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void framesDifferLikeSpeechRatherThanRepeatingOneSound(Codec codec) {
        SpeechClip clip = SPEECH.clip(codec);
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < clip.frameCount(); i++) {
            distinct.add(new String(clip.frame(i), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        assertThat(distinct.size()).isGreaterThan(clip.frameCount() / 2);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void loopsWhenTheCallOutlastsTheClip(Codec codec) {
        SpeechClip clip = SPEECH.clip(codec);
        ByteBuffer looped = ByteBuffer.allocate(SpeechClip.FRAME_BYTES);

        clip.putFrame(clip.frameCount() + 3, looped);

        assertThat(looped.array()).isEqualTo(clip.frame(3));
        assertThat(clip.frame(3)).isNotEqualTo(clip.frame(4));
    }
}
