package io.callrec.gateway.sip.it;

import io.callrec.gateway.sip.message.SipLimits;
import io.callrec.gateway.sip.message.SipMessage;
import io.callrec.gateway.sip.message.SipMessageParser;
import io.callrec.gateway.sip.transport.SipStreamFramer;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A recording client (SRC) for the tests, over a real UDP, TCP or TLS socket: writes requests as text, reads responses
 * with a bounded wait. Our own framer and parser read what comes back.
 */
final class SipTestClient implements AutoCloseable {
    private static final SipMessageParser PARSER = new SipMessageParser(new SipLimits(65_000, 8192, 100));

    private final InetSocketAddress server;
    private final DatagramSocket udp;
    private final Socket tcp;
    private final SipStreamFramer framer = new SipStreamFramer(PARSER);
    private final Deque<byte[]> framed = new ArrayDeque<>();

    private SipTestClient(InetSocketAddress server, DatagramSocket udp, Socket tcp) {
        this.server = server;
        this.udp = udp;
        this.tcp = tcp;
    }

    static SipTestClient udp(int port) throws IOException {
        return new SipTestClient(new InetSocketAddress("127.0.0.1", port),
                new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)), null);
    }

    static SipTestClient tcp(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        return new SipTestClient(new InetSocketAddress("127.0.0.1", port), null, socket);
    }

    /**
     * Over TLS with the factory's certificates, offering only {@code protocols} when any are named; the handshake is
     * done before this returns.
     */
    static SipTestClient tls(int port, SSLSocketFactory factory, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port);
        try {
            if (protocols.length > 0) {
                socket.setEnabledProtocols(protocols);
            }
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new SipTestClient(new InetSocketAddress("127.0.0.1", port), null, socket);
    }

    String transport() {
        return udp != null ? "UDP" : tcp instanceof SSLSocket ? "TLS" : "TCP";
    }

    /** The server as our requests address it. */
    String requestUri() {
        return "sip:srs@127.0.0.1:" + server.getPort();
    }

    int localPort() {
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    static String branch() {
        return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A request with the mandatory headers; {@code toTag} null outside a dialog. */
    String request(String method, String callId, long cseq, String branch, String toTag, String extraHeaders,
                   String contentType, String body) {
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return method + " " + requestUri() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport() + " 127.0.0.1:" + localPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:src@127.0.0.1>;tag=src-" + callId.hashCode() + "\r\n"
                + "To: <sip:srs@127.0.0.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:src@127.0.0.1:" + localPort() + ">;+sip.src\r\n"
                + extraHeaders
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + bodyBytes.length + "\r\n\r\n"
                + (body == null ? "" : body);
    }

    void send(String message) throws IOException {
        sendBytes(message.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, server));
        } else {
            tcp.getOutputStream().write(bytes);
            tcp.getOutputStream().flush();
        }
    }

    /** The next message from the server, or null when none comes within {@code wait}. */
    SipMessage next(Duration wait) throws Exception {
        if (udp != null) {
            udp.setSoTimeout((int) wait.toMillis());
            byte[] buffer = new byte[65_535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return PARSER.parse(packet.getData(), 0, packet.getLength());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        InputStream in = tcp.getInputStream();
        byte[] buffer = new byte[8192];
        while (framed.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            tcp.setSoTimeout((int) left);
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (read < 0) {
                return null;
            }
            framed.addAll(framer.feed(Arrays.copyOf(buffer, read)));
        }
        byte[] whole = framed.poll();
        return PARSER.parse(whole, 0, whole.length);
    }

    /** Reads until a response with this status to this CSeq method comes; fails after {@code wait}. */
    SipMessage expect(int status, String cseqMethod, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            SipMessage message = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (message != null && message.status() == status && cseqMethod.equals(message.cseqMethod())) {
                return message;
            }
        }
        throw new AssertionError("no " + status + " to " + cseqMethod + " within " + wait);
    }

    /** Reads until a request with this method comes from the server; fails after {@code wait}. */
    SipMessage expectRequest(String method, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            SipMessage message = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (message != null && method.equals(message.method())) {
                return message;
            }
        }
        throw new AssertionError("no " + method + " within " + wait);
    }

    /** Our 200 OK to a request the server sent (RFC 3261 8.2.6.2: Via, From, To, Call-ID and CSeq copied). */
    static String ok(SipMessage request) {
        StringBuilder response = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (SipMessage.Header header : request.headers()) {
            if (List.of("via", "from", "to", "call-id", "cseq").contains(header.name())) {
                response.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
        }
        return response.append("Content-Length: 0\r\n\r\n").toString();
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        } else {
            tcp.close();
        }
    }
}
