package io.callrec.gateway.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A test phone's control connection: raw bytes out, one answer line in. */
final class PhoneConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    PhoneConnection(String localAddress, int port) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15_000);
        out = socket.getOutputStream();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a line and returns the answer as key → value (values as sent: percent-encoded). */
    Map<String, String> request(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
        return readAnswer();
    }

    Map<String, String> readAnswer() throws IOException {
        String answer = in.readLine();
        if (answer == null) {
            throw new IOException("connection closed by the gateway");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : answer.split("&")) {
            int eq = pair.indexOf('=');
            pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return pairs;
    }

    /** True once the gateway has closed the connection: the phone reads its end. */
    boolean closedByGateway() throws IOException {
        socket.setSoTimeout(100);
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        } finally {
            socket.setSoTimeout(15_000);
        }
    }

    /** Closes without a stop: an abrupt drop, as when a phone loses power. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
