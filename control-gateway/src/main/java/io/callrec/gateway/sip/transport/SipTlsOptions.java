package io.callrec.gateway.sip.transport;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The SIP TLS listener's options ({@code callrec.sip.tls-*}): our PEM certificate and key, TLS 1.2 and 1.3 only, and,
 * with a client CA, a client certificate it issued required in the handshake. The files are loaded here, once, so a
 * wrong path or a file that is not what it should be stops the start with the setting's name, not at the first
 * client.
 */
final class SipTlsOptions {
    private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private SipTlsOptions() {
    }

    /** The TLS options; empty when neither certificate nor key is set (TLS off). */
    static Optional<NetServerOptions> of(Optional<String> certificate, Optional<String> key,
                                         Optional<String> clientCa, Vertx vertx) {
        if (certificate.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        if (certificate.isEmpty() || key.isEmpty()) {
            throw new IllegalStateException("SIP over TLS needs both callrec.sip.tls-certificate and "
                    + "callrec.sip.tls-key (only one is set)");
        }
        PemKeyCertOptions keyCert = new PemKeyCertOptions()
                .setCertPath(readable("callrec.sip.tls-certificate", certificate.get()))
                .setKeyPath(readable("callrec.sip.tls-key", key.get()));
        try {
            keyCert.getKeyManagerFactory(vertx);
        } catch (Exception e) {
            throw new IllegalStateException("callrec.sip.tls-certificate " + certificate.get()
                    + " and callrec.sip.tls-key " + key.get() + " are not a PEM certificate and its private key: "
                    + e.getMessage(), e);
        }
        // Not setSsl(true): the listener accepts plain connections and SipServer starts TLS on each after its
        // allowlist and connection limit, so a source outside them costs no handshake.
        NetServerOptions options = new NetServerOptions().setKeyCertOptions(keyCert)
                .setEnabledSecureTransportProtocols(PROTOCOLS);
        if (clientCa.isPresent()) {
            PemTrustOptions trust = new PemTrustOptions().addCertPath(readable("callrec.sip.tls-client-ca",
                    clientCa.get()));
            try {
                trust.getTrustManagerFactory(vertx);
            } catch (Exception e) {
                throw new IllegalStateException("callrec.sip.tls-client-ca " + clientCa.get()
                        + " is not a PEM file of CA certificates: " + e.getMessage(), e);
            }
            options.setTrustOptions(trust).setClientAuth(ClientAuth.REQUIRED);
        }
        return Optional.of(options);
    }

    private static String readable(String setting, String path) {
        if (!Files.isReadable(Path.of(path)) || Files.isDirectory(Path.of(path))) {
            throw new IllegalStateException(setting + ": " + path + " is not a readable file");
        }
        return path;
    }
}
