package io.callrec.simulator.speech;

import io.callrec.contracts.Codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The speech the simulated phones send: a short English and Japanese clip, shipped pre-encoded per
 * codec (see {@code speech/make-speech.sh}), so that recordings contain real speech, not noise.
 */
public final class SpeechSource {
    private final Map<Codec, SpeechClip> clips;

    private SpeechSource(Map<Codec, SpeechClip> clips) {
        this.clips = clips;
    }

    /** Loads the clips shipped in this jar, one per codec. */
    public static SpeechSource shipped() {
        Map<Codec, SpeechClip> clips = new EnumMap<>(Codec.class);
        for (Codec codec : Codec.values()) {
            clips.put(codec, new SpeechClip(codec, readResource(resourceName(codec))));
        }
        return new SpeechSource(clips);
    }

    public SpeechClip clip(Codec codec) {
        return clips.get(codec);
    }

    private static String resourceName(Codec codec) {
        return "/speech/speech." + codec.name().toLowerCase(Locale.ROOT);
    }

    private static byte[] readResource(String name) {
        try (InputStream in = SpeechSource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("speech resource missing from the classpath: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
