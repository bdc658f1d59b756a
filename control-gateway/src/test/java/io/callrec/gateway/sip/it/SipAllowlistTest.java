package io.callrec.gateway.sip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callrec.gateway.config.SipConfig;
import io.callrec.gateway.sip.transport.SipServer;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** A recording client outside {@code callrec.sip.allowed-sources} gets nothing: no answer, no connection. */
@QuarkusTest
@TestProfile(SipAllowlistTest.OnlyAnotherNetwork.class)
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SipTlsCertificates.class, restrictToAnnotatedClass = false)
class SipAllowlistTest {

    public static class OnlyAnotherNetwork implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callrec.sip.allowed-sources", "192.0.2.0/24");
        }
    }

    @Inject
    SipServer server;

    @Inject
    SipConfig config;

    @Test
    void requestsFromOutsideTheAllowlistAreIgnoredAndTheirConnectionsClosed() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            src.send(src.request("OPTIONS", "outsider-" + UUID.randomUUID(), 1, SipTestClient.branch(), null, "",
                    null, null));
            assertThat(src.next(Duration.ofSeconds(2))).isNull();
        }
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
        }
        // Over TLS, even with a certificate of the client CA: closed before any handshake.
        try (SSLSocket socket = (SSLSocket) SipTlsCertificates.client(Path.of(config.tlsCertificate().orElseThrow()),
                SipTlsCertificates.SIGNED_CLIENT).createSocket("127.0.0.1", server.tlsPort().orElseThrow())) {
            socket.setSoTimeout(5000);
            assertThatThrownBy(socket::startHandshake).as("no handshake for a source outside the list")
                    .isInstanceOf(IOException.class);
        }
    }
}
