package io.callrec.contracts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone's identity: its MAC address. Phones write it in several spellings (0C:38:3E:00:00:01,
 * 0c-38-3e-00-00-01, 0c383e000001); callrec keeps one everywhere (lower case, colons) so that limits,
 * assignments, filters and upload scopes all match the same phone.
 */
public final class DeviceId {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}([:-]?[0-9a-f]{2}){5}");

    private DeviceId() {
    }

    /** The MAC in callrec's spelling, or empty when {@code text} is not a MAC address. */
    public static Optional<String> mac(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(lower).matches()) {
            return Optional.empty();
        }
        String hex = lower.replace(":", "").replace("-", "");
        StringBuilder mac = new StringBuilder(17);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                mac.append(':');
            }
            mac.append(hex, i, i + 2);
        }
        return Optional.of(mac.toString());
    }

    /**
     * The device id in callrec's spelling: a MAC normalised as {@link #mac}, anything else only trimmed and
     * lower-cased (phones that are not named by MAC still get one consistent key); null or blank gives null.
     */
    public static String normalize(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return mac(text).orElse(text.trim().toLowerCase(Locale.ROOT));
    }
}
