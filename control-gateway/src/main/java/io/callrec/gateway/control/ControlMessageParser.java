package io.callrec.gateway.control;

import io.callrec.contracts.CallDirection;
import io.callrec.contracts.Codec;
import io.callrec.gateway.control.ControlMessage.RecordStartRequest;
import io.callrec.gateway.control.ControlMessage.RecordStopRequest;
import io.callrec.gateway.control.InvalidControlMessageException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one control line ({@code key=value} pairs joined by '&', terminator already removed) into a
 * {@link ControlMessage}.
 *
 * <p>Values may be percent-encoded UTF-8 or raw UTF-8; either way they must decode to well-formed
 * UTF-8 without control characters and hold at most {@value #MAX_VALUE_CHARS} code points. Keys are
 * case-sensitive as in the vendor document. Unknown keys are skipped without looking at their value,
 * so newer firmware can add keys. Empty pairs ({@code a=1&&b=2}, a trailing '&') are tolerated; a
 * duplicated known key is refused because either value could be the meant one.
 *
 * <p>A refused line still yields the command and id when they could be read on their own, so the
 * answer can name the request it refuses.
 */
public final class ControlMessageParser {
    public static final int MAX_VALUE_CHARS = 256;
    public static final int MAX_PAIRS = 64;

    private ControlMessageParser() {
    }

    public static ControlMessage parse(byte[] line) throws InvalidControlMessageException {
        Fields fields = Fields.read(line);
        String cmd = fields.value(Key.CMD);
        ControlCommand command = cmd == null ? null : ControlCommand.byRequestName(cmd).orElse(null);
        String id = fields.value(Key.ID);
        if (fields.problem != null) {
            throw invalid(fields.problem, command, id);
        }
        if (cmd == null) {
            throw invalid("missing cmd", null, id);
        }
        if (command == null) {
            throw invalid("unknown cmd '" + cmd + "'", null, id);
        }
        if (id == null) {
            throw invalid("missing id", command, null);
        }
        return switch (command) {
            case RECORD_START -> recordStart(fields, id);
            case RECORD_STOP -> recordStop(fields, id);
        };
    }

    private static RecordStartRequest recordStart(Fields fields, String id) throws InvalidControlMessageException {
        ControlCommand command = ControlCommand.RECORD_START;
        String device = fields.required(Key.DEVICE, command, id);
        String dir = fields.required(Key.DIR, command, id);
        CallDirection direction = CallDirection.byName(dir)
                .orElseThrow(() -> invalid("dir must be in or out, not '" + dir + "'", command, id));
        String codecName = fields.required(Key.CODEC, command, id);
        Codec codec = Codec.byName(codecName).orElseThrow(() -> new InvalidControlMessageException(
                Reason.UNSUPPORTED_CODEC, "unsupported codec '" + codecName + "'", command, id));
        return new RecordStartRequest(id, device, direction, codec, fields.value(Key.REMOTE_NUMBER),
                fields.value(Key.REMOTE_NAME), fields.value(Key.LOCAL_NUMBER), fields.value(Key.LOCAL_NAME));
    }

    private static RecordStopRequest recordStop(Fields fields, String id) {
        return new RecordStopRequest(id, fields.value(Key.REMOTE_NUMBER), fields.value(Key.REMOTE_NAME),
                fields.value(Key.LOCAL_NUMBER), fields.value(Key.LOCAL_NAME), fields.value(Key.REASON));
    }

    private static InvalidControlMessageException invalid(String message, ControlCommand command, String id) {
        return new InvalidControlMessageException(Reason.INVALID_REQUEST, message, command, id);
    }

    /** The keys the protocol defines, matched against the raw key bytes without decoding them. */
    private enum Key {
        CMD("cmd"),
        ID("id"),
        DEVICE("device"),
        REMOTE_NUMBER("remote_number"),
        REMOTE_NAME("remote_name"),
        LOCAL_NUMBER("local_number"),
        LOCAL_NAME("local_name"),
        DIR("dir"),
        CODEC("codec"),
        REASON("reason");

        private static final Key[] ALL = values();

        private final String wireName;
        private final byte[] bytes;

        Key(String wireName) {
            this.wireName = wireName;
            this.bytes = wireName.getBytes(StandardCharsets.US_ASCII);
        }

        static Key match(byte[] line, int from, int to) {
            for (Key key : ALL) {
                if (Arrays.equals(key.bytes, 0, key.bytes.length, line, from, to)) {
                    return key;
                }
            }
            return null;
        }
    }

    /** The decoded values of one line, and the first problem found in it. */
    private static final class Fields {
        private final String[] values = new String[Key.ALL.length];
        private int seen;
        private String problem;
        private byte[] scratch;

        static Fields read(byte[] line) {
            Fields fields = new Fields();
            int pairs = 0;
            int from = 0;
            while (from <= line.length) {
                int to = indexOf(line, (byte) '&', from, line.length);
                if (to > from) {
                    if (++pairs == MAX_PAIRS + 1) {
                        fields.noteProblem("more than " + MAX_PAIRS + " key=value pairs");
                    }
                    fields.readPair(line, from, to);
                }
                from = to + 1;
            }
            return fields;
        }

        /** A known key's value; null when absent, empty, duplicated or unreadable. */
        String value(Key key) {
            return values[key.ordinal()];
        }

        String required(Key key, ControlCommand command, String id) throws InvalidControlMessageException {
            String value = value(key);
            if (value == null) {
                throw invalid("missing " + key.wireName, command, id);
            }
            return value;
        }

        private void readPair(byte[] line, int from, int to) {
            int equals = indexOf(line, (byte) '=', from, to);
            if (equals == to) {
                noteProblem("a pair without '='");
                return;
            }
            if (equals == from) {
                noteProblem("a value without a key");
                return;
            }
            Key key = Key.match(line, from, equals);
            if (key == null) {
                return;
            }
            int bit = 1 << key.ordinal();
            if ((seen & bit) != 0) {
                values[key.ordinal()] = null;
                noteProblem("duplicate key " + key.wireName);
                return;
            }
            seen |= bit;
            values[key.ordinal()] = decodeValue(key, line, equals + 1, to);
        }

        private String decodeValue(Key key, byte[] line, int from, int to) {
            if (from == to) {
                return null;
            }
            if (scratch == null) {
                scratch = new byte[line.length];
            }
            int length = PercentCodec.decode(line, from, to, scratch);
            if (length == PercentCodec.BROKEN_ESCAPE) {
                noteProblem(key.wireName + " has a broken percent escape");
                return null;
            }
            String textProblem = checkText(scratch, length);
            if (textProblem != null) {
                noteProblem(key.wireName + textProblem);
                return null;
            }
            // checkText proved the bytes well-formed, so this decoding replaces nothing.
            return new String(scratch, 0, length, StandardCharsets.UTF_8);
        }

        private void noteProblem(String message) {
            if (problem == null) {
                problem = message;
            }
        }
    }

    /**
     * Checks that {@code bytes[0, length)} is well-formed UTF-8 (no overlong forms, surrogates or
     * code points above U+10FFFF, as in Unicode table 3-7), free of control characters and at most
     * {@value #MAX_VALUE_CHARS} code points long.
     *
     * @return what is wrong, phrased to follow the key name, or null when the text is fine
     */
    private static String checkText(byte[] bytes, int length) {
        int codePoints = 0;
        int i = 0;
        while (i < length) {
            int lead = bytes[i] & 0xFF;
            int size;
            int codePoint;
            int smallest;
            if (lead < 0x80) {
                size = 1;
                codePoint = lead;
                smallest = 0;
            } else if (lead >= 0xC2 && lead <= 0xDF) {
                size = 2;
                codePoint = lead & 0x1F;
                smallest = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                size = 3;
                codePoint = lead & 0x0F;
                smallest = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                size = 4;
                codePoint = lead & 0x07;
                smallest = 0x1_0000;
            } else {
                return " is not valid UTF-8";
            }
            if (length - i < size) {
                return " is not valid UTF-8";
            }
            for (int k = 1; k < size; k++) {
                int continuation = bytes[i + k] & 0xFF;
                if ((continuation & 0xC0) != 0x80) {
                    return " is not valid UTF-8";
                }
                codePoint = codePoint << 6 | continuation & 0x3F;
            }
            if (codePoint < smallest || codePoint > Character.MAX_CODE_POINT
                    || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                return " is not valid UTF-8";
            }
            if (Character.isISOControl(codePoint)) {
                return " contains a control character";
            }
            if (++codePoints > MAX_VALUE_CHARS) {
                return " is longer than " + MAX_VALUE_CHARS + " characters";
            }
            i += size;
        }
        return null;
    }

    /** Index of {@code b} in {@code line[from, to)}, or {@code to} when absent. */
    private static int indexOf(byte[] line, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return to;
    }
}
