package io.callrec.simulator.control;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds and reads control lines: {@code key=value} pairs joined by '&', one message per line. */
final class ControlLine {
    private ControlLine() {
    }

    /** The line for {@code pairs} in their order, values percent-encoded, ending in "\n". */
    static String format(Map<String, String> pairs) {
        StringBuilder line = new StringBuilder(160);
        pairs.forEach((key, value) -> {
            if (line.length() > 0) {
                line.append('&');
            }
            line.append(key).append('=').append(PercentEncoding.encode(value));
        });
        return line.append('\n').toString();
    }

    /** The pairs of a line without its terminator; a key without '=' maps to "". */
    static Map<String, String> parse(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : line.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 0) {
                pairs.put(pair, "");
            } else {
                pairs.put(pair.substring(0, equals), PercentEncoding.decode(pair.substring(equals + 1)));
            }
        }
        return pairs;
    }
}
