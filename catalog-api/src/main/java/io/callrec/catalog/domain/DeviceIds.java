package io.callrec.catalog.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Phones name themselves by MAC address in several spellings (0C:38:3E:00:00:01, 0c-38-3e-00-00-01,
 * 0c383e000001). The catalog keeps one, lower-case with colons, so that assignments and filters match.
 */
public final class DeviceIds {
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}([:-]?[0-9a-f]{2}){5}");

    private DeviceIds() {
    }

    /** The MAC in the catalog's spelling; anything that is not a MAC is only trimmed and lower-cased. */
    public static String normalize(String device) {
        if (device == null) {
            return null;
        }
        String lower = device.trim().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(lower).matches()) {
            return lower.isEmpty() ? null : lower;
        }
        String hex = lower.replace(":", "").replace("-", "");
        StringBuilder mac = new StringBuilder(17);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                mac.append(':');
            }
            mac.append(hex, i, i + 2);
        }
        return mac.toString();
    }
}
