package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.Codec;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Codec names as phones and tools write them: "PCMA", "pcmu", "G.722", "G711A", "PCMA/8000".
 * Case, dots, dashes, underscores, spaces and an rtpmap-style "/rate" suffix do not matter.
 */
final class CodecAliases {

    private static final Map<String, Codec> ALIASES = Map.ofEntries(
            Map.entry("PCMA", Codec.PCMA), Map.entry("G711A", Codec.PCMA), Map.entry("G711ALAW", Codec.PCMA),
            Map.entry("ALAW", Codec.PCMA),
            Map.entry("PCMU", Codec.PCMU), Map.entry("G711U", Codec.PCMU), Map.entry("G711MU", Codec.PCMU),
            Map.entry("G711ULAW", Codec.PCMU), Map.entry("G711MULAW", Codec.PCMU), Map.entry("ULAW", Codec.PCMU),
            Map.entry("MULAW", Codec.PCMU),
            Map.entry("G722", Codec.G722));

    private CodecAliases() {
    }

    static Optional<Codec> byName(String name) {
        int rate = name.indexOf('/');
        String bare = rate < 0 ? name : name.substring(0, rate);
        String key = bare.toUpperCase(Locale.ROOT).replaceAll("[-._ ]", "");
        return Optional.ofNullable(ALIASES.get(key));
    }
}
