package io.callrec.catalog.domain;

import java.util.Locale;

/**
 * The text {@code q} searches, and the pattern it is searched with. Both are lower-cased here (Java's Unicode
 * rules, whatever the database's locale). Every non-ASCII character is written three times: the trigram index
 * needs three characters, and Japanese or Chinese names are often searched by one or two ("山田" becomes
 * "山山山田田田"). Tripling both sides keeps substring matching exact: a tripled query can only match a tripled
 * text where the original query matches the original text.
 */
public final class SearchText {
    private SearchText() {
    }

    /** The fields one per line, so that a match never spans two of them. */
    public static String of(String... fields) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                text.append('\n');
            }
            if (fields[i] != null) {
                text.append(normalize(fields[i]));
            }
        }
        return text.toString();
    }

    /** A query in the form the text is stored in. */
    public static String normalize(String query) {
        String lower = query.toLowerCase(Locale.ROOT);
        StringBuilder text = new StringBuilder(lower.length() * 2);
        lower.codePoints().forEach(c -> {
            text.appendCodePoint(c);
            if (c > 0x7f) {
                text.appendCodePoint(c).appendCodePoint(c);
            }
        });
        return text.toString();
    }
}
