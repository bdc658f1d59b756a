package io.callrec.gateway.control;

/**
 * The answer lines the gateway sends, each ending in "\n". Values are percent-encoded where needed
 * (see {@link PercentCodec#appendEncoded}), so an echoed id can never add pairs or lines.
 */
public final class ControlResponses {
    private static final String SUCCESS = "success";
    private static final String FAILED = "failed";
    private static final String ERROR_RESPONSE = "ErrorResponse";

    private ControlResponses() {
    }

    /** {@code cmd=RecordStartResponse&id=..&result=success&server=..&port=..} */
    public static String startSucceeded(String id, String server, int port) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a UDP port: " + port);
        }
        StringBuilder line = start(ControlCommand.RECORD_START.responseName(), id, SUCCESS);
        pair(line, "server", server);
        pair(line, "port", Integer.toString(port));
        return end(line);
    }

    /** {@code cmd=RecordStartResponse&id=..&result=failed&reason=..}, e.g. for no capacity. */
    public static String startFailed(String id, String reason) {
        StringBuilder line = start(ControlCommand.RECORD_START.responseName(), id, FAILED);
        pair(line, "reason", reason);
        return end(line);
    }

    /** {@code cmd=RecordStopResponse&id=..&result=success}; stopping is idempotent, so this is the only answer. */
    public static String stopSucceeded(String id) {
        return end(start(ControlCommand.RECORD_STOP.responseName(), id, SUCCESS));
    }

    /**
     * The answer to a refused line: the response to its command when the command was known, else
     * {@code ErrorResponse}; the id pair is left out when the line had no readable id.
     */
    public static String refused(InvalidControlMessageException refusal) {
        String cmd = refusal.command().map(ControlCommand::responseName).orElse(ERROR_RESPONSE);
        StringBuilder line = start(cmd, refusal.id().orElse(null), FAILED);
        pair(line, "reason", refusal.reason().code());
        return end(line);
    }

    private static StringBuilder start(String cmd, String id, String result) {
        StringBuilder line = new StringBuilder(96).append("cmd=").append(cmd);
        if (id != null) {
            pair(line, "id", id);
        }
        pair(line, "result", result);
        return line;
    }

    private static void pair(StringBuilder line, String key, String value) {
        line.append('&').append(key).append('=');
        PercentCodec.appendEncoded(line, value);
    }

    private static String end(StringBuilder line) {
        return line.append('\n').toString();
    }
}
