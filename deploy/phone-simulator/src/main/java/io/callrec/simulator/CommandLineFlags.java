package io.callrec.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} and {@code --name=value} flags, each given at most once. */
final class CommandLineFlags {
    /** Flags that take no value. */
    private static final Set<String> SWITCHES = Set.of("help");

    private final Map<String, String> values;

    private CommandLineFlags(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a value, or says in a {@link UsageException} what was expected. */
    @FunctionalInterface
    interface ValueParser<T> {
        T parse(String value) throws UsageException;
    }

    static CommandLineFlags read(List<String> args) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value;
            if (SWITCHES.contains(name)) {
                if (equals >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "";
            } else if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given more than once");
            }
        }
        return new CommandLineFlags(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    <T> T value(String name, ValueParser<T> parser, T absent) throws UsageException {
        return optional(name, parser).orElse(absent);
    }

    <T> Optional<T> optional(String name, ValueParser<T> parser) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(value));
        } catch (UsageException e) {
            throw new UsageException("--" + name + " '" + value + "': " + e.getMessage());
        }
    }

    /** Refuses any flag not in {@code known}, e.g. a misspelt one. */
    void rejectUnknown(Set<String> known) throws UsageException {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("unknown flag --" + name + " (see --help)");
            }
        }
    }
}
