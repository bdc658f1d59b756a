package io.callrec.simulator.control;

import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One desk phone's control connection to the recorder: start and stop requests over a TCP
 * connection that stays open across calls, as phones keep it. Blocking, except that a stop is sent and its answer
 * awaited in two steps; one call at a time.
 */
public final class SimulatedPhone implements AutoCloseable {
    /** How long the recorder may take to answer before the phone gives up. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private static final int MAX_ANSWER_BYTES = 8192;
    private static final String SUCCESS = "success";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private SimulatedPhone(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to the recorder's control port. */
    public static SimulatedPhone connect(InetSocketAddress recorder) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(recorder, Math.toIntExact(ANSWER_TIMEOUT.toMillis()));
            socket.setSoTimeout(Math.toIntExact(ANSWER_TIMEOUT.toMillis()));
            return new SimulatedPhone(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Asks the recorder to record {@code plan}'s call and returns its answer. */
    public synchronized StartAnswer start(CallPlan plan) throws IOException {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("cmd", "RecordStartRequest");
        request.put("id", plan.sessionId());
        request.put("device", plan.device());
        putParties(request, plan.parties());
        request.put("dir", plan.direction().wireName());
        request.put("codec", plan.codec().name());
        Map<String, String> answer = exchange(request, "RecordStartResponse", plan.sessionId());
        if (!SUCCESS.equals(answer.get("result"))) {
            return StartAnswer.refused(answer.getOrDefault("reason", "no reason given"));
        }
        String server = answer.getOrDefault("server", "");
        int port = parsePort(answer.getOrDefault("port", ""));
        if (server.isEmpty() || port < 1) {
            throw new ControlException("start accepted without a usable server and port: " + answer);
        }
        return StartAnswer.accepted(server, port);
    }

    /**
     * Sends the request to end recording of {@code plan}'s call, without waiting for the answer
     * ({@link #awaitStopAnswer}): a line into the socket's send buffer, so it does not wait for the recorder.
     */
    public synchronized void sendStop(CallPlan plan) throws IOException {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("cmd", "RecordStopRequest");
        request.put("id", plan.sessionId());
        putParties(request, plan.parties());
        request.put("reason", "normal");
        send(request);
    }

    /** Waits for the answer to {@link #sendStop}; throws when the recorder refuses. */
    public synchronized void awaitStopAnswer(CallPlan plan) throws IOException {
        Map<String, String> answer = readAnswer("RecordStopResponse", plan.sessionId());
        if (!SUCCESS.equals(answer.get("result"))) {
            throw new ControlException("stop refused: " + answer.getOrDefault("reason", "no reason given"));
        }
    }

    /**
     * Drops the connection abruptly, without a stop: a reset rather than an orderly close, like a
     * phone that loses power or network. The recorder ends the call's recording itself.
     */
    public synchronized void dropConnection() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static void putParties(Map<String, String> request, CallParties parties) {
        request.put("remote_number", parties.remoteNumber());
        request.put("remote_name", parties.remoteName());
        request.put("local_number", parties.localNumber());
        request.put("local_name", parties.localName());
    }

    private Map<String, String> exchange(Map<String, String> request, String expectedCommand, String id)
            throws IOException {
        send(request);
        return readAnswer(expectedCommand, id);
    }

    private void send(Map<String, String> request) throws IOException {
        out.write(ControlLine.format(request).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private Map<String, String> readAnswer(String expectedCommand, String id) throws IOException {
        String line = readLine();
        Map<String, String> answer = ControlLine.parse(line);
        if (!expectedCommand.equals(answer.get("cmd")) || !id.equals(answer.getOrDefault("id", id))) {
            throw new ControlException("expected " + expectedCommand + " for id " + id + ", got: " + line);
        }
        return answer;
    }

    /** Reads up to LF or NUL (CR before it dropped), as the recorder may end lines either way. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); b != '\n' && b != 0; b = in.read()) {
            if (b < 0) {
                throw new ControlException("the recorder closed the connection");
            }
            if (line.size() == MAX_ANSWER_BYTES) {
                throw new ControlException("answer longer than " + MAX_ANSWER_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static int parsePort(String port) {
        try {
            int value = Integer.parseInt(port);
            return value <= 0xFFFF ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
