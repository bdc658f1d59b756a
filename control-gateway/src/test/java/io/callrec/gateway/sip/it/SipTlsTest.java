package io.callrec.gateway.sip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.callrec.gateway.config.SipConfig;
import io.callrec.gateway.sip.transport.SipServer;
import io.callrec.stack.CallrecStackTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/**
 * Who the TLS port refuses, in the handshake: clients without a certificate of the client CA, TLS older than 1.2, and
 * plain TCP. The sessions over TLS that are let in are in {@link SiprecServerTest}.
 */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SipTlsCertificates.class, restrictToAnnotatedClass = false)
class SipTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    SipServer server;

    @Inject
    SipConfig config;

    @Inject
    MeterRegistry registry;

    @Test
    void clientsWithoutACertificateOfTheClientCaAreRefusedInTheHandshake() throws Exception {
        Path certificate = Path.of(config.tlsCertificate().orElseThrow());
        for (String client : new String[] {null, SipTlsCertificates.STRANGER}) {
            double before = failedHandshakes();
            assertThat(refused(SipTlsCertificates.client(certificate, client)))
                    .as("a client presenting %s", client == null ? "no certificate" : client).isTrue();
            await().atMost(WAIT).until(() -> failedHandshakes() > before);
        }
    }

    /**
     * The gateway itself refuses TLS 1.0 and 1.1: the tests' JVM does not ban them (control-gateway's pom lifts the
     * JDK's jdk.tls.disabledAlgorithms entry), so the client offers them, and only the gateway's protocols can end the
     * handshake with the protocol_version alert. TLS 1.2 and 1.3 get an OPTIONS answered.
     */
    @Test
    void tlsOlderThan12IsRefusedInTheHandshakeAnd12And13AreAccepted() throws Exception {
        int port = server.tlsPort().orElseThrow();
        SSLSocketFactory factory = SipTlsCertificates.client(Path.of(config.tlsCertificate().orElseThrow()),
                SipTlsCertificates.SIGNED_CLIENT);
        for (String old : List.of("TLSv1", "TLSv1.1")) {
            double before = failedHandshakes();
            assertThatThrownBy(() -> SipTestClient.tls(port, factory, old).close()).as(old)
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("protocol_version");
            await().atMost(WAIT).until(() -> failedHandshakes() > before);
        }
        for (String current : List.of("TLSv1.2", "TLSv1.3")) {
            try (SipTestClient src = SipTestClient.tls(port, factory, current)) {
                src.send(src.request("OPTIONS", "tls-" + current + "-" + UUID.randomUUID(), 1, SipTestClient.branch(),
                        null, "", null, null));
                src.expect(200, "OPTIONS", WAIT);
            }
        }
    }

    @Test
    void plainTcpToTheTlsPortGetsNoSipAnswer() throws Exception {
        double before = failedHandshakes();
        try (Socket socket = new Socket("127.0.0.1", server.tlsPort().orElseThrow())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(options().getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntilClosed(socket)).as("what came back before the server closed").doesNotContain("SIP/2.0");
        }
        await().atMost(WAIT).until(() -> failedHandshakes() > before);
    }

    /**
     * Whether the server ended the connection rather than answer an OPTIONS. With TLS 1.3 the client's side of the
     * handshake may finish before the server has judged its certificate: the refusal then comes as an alert on the
     * first read.
     */
    private boolean refused(SSLSocketFactory factory) throws IOException {
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", server.tlsPort().orElseThrow())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.startHandshake();
            socket.getOutputStream().write(options().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket.getInputStream().read() == -1;
        } catch (SSLException | SocketException e) {
            return true;
        }
    }

    /** What the server sent until it closed the connection (a reset counts as closed). */
    private static String readUntilClosed(Socket socket) throws IOException {
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            for (int read; (read = socket.getInputStream().read(buffer)) >= 0; ) {
                received.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketException e) {
            // reset by the server
        }
        return received.toString();
    }

    private String options() {
        int port = server.tlsPort().orElseThrow();
        return "OPTIONS sip:srs@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=" + SipTestClient.branch() + "\r\n"
                + "From: <sip:src@127.0.0.1>;tag=1\r\nTo: <sip:srs@127.0.0.1>\r\n"
                + "Call-ID: refused-" + UUID.randomUUID() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private double failedHandshakes() {
        var counter = registry.find("callrec.sip.dropped").tag("reason", "tls-handshake").counter();
        return counter == null ? 0 : counter.count();
    }
}
