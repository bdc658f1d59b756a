package io.callrec.contracts;

import java.util.Locale;
import java.util.Optional;

/**
 * Audio codecs a phone may negotiate. G.722 samples at 16 kHz but its RTP clock runs at 8 kHz
 * (RFC 3551), which is why both rates are here.
 */
public enum Codec {
    PCMU(0, 8000, 8000),
    PCMA(8, 8000, 8000),
    G722(9, 16000, 8000);

    private final int payloadType;
    private final int sampleRate;
    private final int rtpClockRate;

    Codec(int payloadType, int sampleRate, int rtpClockRate) {
        this.payloadType = payloadType;
        this.sampleRate = sampleRate;
        this.rtpClockRate = rtpClockRate;
    }

    /** The static RTP payload type (RFC 3551). */
    public int payloadType() {
        return payloadType;
    }

    /** PCM samples per second after decoding. */
    public int sampleRate() {
        return sampleRate;
    }

    /** RTP timestamp units per second. */
    public int rtpClockRate() {
        return rtpClockRate;
    }

    /** Codec by name, case-insensitive; empty for anything else. */
    public static Optional<Codec> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (Codec codec : values()) {
            if (codec.name().equals(upper)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** Codec by its static payload type; empty for dynamic or unknown types. */
    public static Optional<Codec> byPayloadType(int payloadType) {
        for (Codec codec : values()) {
            if (codec.payloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
