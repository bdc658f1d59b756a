package io.callrec.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} flags over defaults. A flag without a default is unknown, so a typo is an error. */
final class CommandLine {
    private final Map<String, String> values;

    private CommandLine(Map<String, String> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException naming the flag that is wrong */
    static CommandLine parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!flag.startsWith("--") || !defaults.containsKey(flag.substring(2))) {
                throw new IllegalArgumentException("unknown option " + flag);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            values.put(flag.substring(2), args[++i]);
        }
        return new CommandLine(values);
    }

    String text(String name) {
        return values.get(name);
    }

    int positive(String name) {
        int value = integer(name, values.get(name));
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " wants a number above 0, got " + value);
        }
        return value;
    }

    /** A comma-separated list of numbers above 0. */
    List<Integer> positives(String name) {
        List<Integer> list = new ArrayList<>();
        for (String part : values.get(name).split(",")) {
            int value = integer(name, part.trim());
            if (value < 1) {
                throw new IllegalArgumentException("--" + name + " wants numbers above 0, got " + value);
            }
            list.add(value);
        }
        return List.copyOf(list);
    }

    /** {@code MIN-MAX}, two numbers. */
    int[] range(String name) {
        String[] parts = values.get(name).split("-", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--" + name + " wants MIN-MAX, got " + values.get(name));
        }
        int min = integer(name, parts[0]);
        int max = integer(name, parts[1]);
        if (min < 1024 || max > 65535 || min > max) {
            throw new IllegalArgumentException("--" + name + " wants 1024 <= MIN <= MAX <= 65535, got "
                    + values.get(name));
        }
        return new int[] {min, max};
    }

    private static int integer(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants a number, got " + text);
        }
    }
}
