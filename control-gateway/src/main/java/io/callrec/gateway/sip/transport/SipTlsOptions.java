package io.callrec.gateway.sip.transport;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.X509KeyManager;

/**
 * The SIP TLS listener's options ({@code callrec.sip.tls-*}): our PEM certificate and key, TLS 1.2 and 1.3 only, and,
 * with a client CA, a client certificate it issued required in the handshake. The files are loaded here, once, so a
 * wrong path, a file that is not what it should be or a key of another certificate stops the start with the
 * setting's name and the file, not at the first client.
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
        boolean matching;
        try {
            matching = keyMatchesCertificate(keyCert, vertx);
        } catch (Exception e) {
            throw new IllegalStateException("callrec.sip.tls-certificate " + certificate.get()
                    + " and callrec.sip.tls-key " + key.get() + " are not a PEM certificate and its private key: "
                    + e.getMessage(), e);
        }
        if (!matching) {
            throw new IllegalStateException("callrec.sip.tls-key " + key.get() + " is not the private key of "
                    + "callrec.sip.tls-certificate " + certificate.get());
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

    /**
     * Whether the key signs what the certificate's public key verifies. Loading does not check it, and a key of
     * another certificate would otherwise fail every handshake instead of the start.
     */
    private static boolean keyMatchesCertificate(PemKeyCertOptions keyCert, Vertx vertx) throws Exception {
        String alias = keyCert.loadKeyStore(vertx).aliases().nextElement();
        X509KeyManager keys = (X509KeyManager) keyCert.getKeyManagerFactory(vertx).getKeyManagers()[0];
        PrivateKey key = keys.getPrivateKey(alias);
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(keys.getCertificateChain(alias)[0].getPublicKey());
        verifier.update(probe);
        return verifier.verify(signer.sign());
    }

    private static String readable(String setting, String path) {
        if (!Files.isReadable(Path.of(path)) || Files.isDirectory(Path.of(path))) {
            throw new IllegalStateException(setting + ": " + path + " is not a readable file");
        }
        return path;
    }
}
