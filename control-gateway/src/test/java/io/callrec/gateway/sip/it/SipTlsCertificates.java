package io.callrec.gateway.sip.it;

import io.callrec.stack.Folders;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * SIP over TLS for the gateway under test: certificates made by the JDK's {@code keytool} in a temporary folder at
 * each run (no key is committed). The gateway gets a self-signed server certificate and requires client
 * certificates from a test CA; recording clients are {@code src} (issued by that CA) and {@code stranger}
 * (self-signed), each a PKCS#12 key store next to the gateway's PEM files.
 */
public class SipTlsCertificates implements QuarkusTestResourceLifecycleManager {
    static final String SIGNED_CLIENT = "src";
    static final String STRANGER = "stranger";
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();

    private Path folder;

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("callrec-sip-tls");
            keyPair("ca.p12", "ca", "CN=callrec test SRC CA", "-ext", "bc:c");
            keytool("-exportcert", "-rfc", "-keystore", "ca.p12", "-alias", "ca", "-file", "ca.crt");
            keyPair("server.p12", "server", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1");
            keytool("-exportcert", "-rfc", "-keystore", "server.p12", "-alias", "server", "-file", "server.crt");
            Files.writeString(folder.resolve("server.key"), privateKeyPem("server.p12", "server"));
            keyPair(SIGNED_CLIENT + ".p12", SIGNED_CLIENT, "CN=recording client");
            keytool("-certreq", "-keystore", SIGNED_CLIENT + ".p12", "-alias", SIGNED_CLIENT, "-file", "src.csr");
            keytool("-gencert", "-rfc", "-keystore", "ca.p12", "-alias", "ca", "-infile", "src.csr",
                    "-outfile", "src.crt");
            keytool("-importcert", "-noprompt", "-keystore", SIGNED_CLIENT + ".p12", "-alias", "ca", "-file", "ca.crt");
            keytool("-importcert", "-noprompt", "-keystore", SIGNED_CLIENT + ".p12", "-alias", SIGNED_CLIENT,
                    "-file", "src.crt");
            keyPair(STRANGER + ".p12", STRANGER, "CN=someone else");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("callrec.sip.tls-port", "0",
                "callrec.sip.tls-certificate", folder.resolve("server.crt").toString(),
                "callrec.sip.tls-key", folder.resolve("server.key").toString(),
                "callrec.sip.tls-client-ca", folder.resolve("ca.crt").toString());
    }

    @Override
    public void stop() {
        if (folder == null) {
            return;
        }
        Folders.deleteTree(folder);
    }

    /**
     * A client's sockets: trusting the gateway's certificate, presenting {@code client}'s ({@link #SIGNED_CLIENT},
     * {@link #STRANGER}) or none when null.
     *
     * @param serverCertificate the gateway's {@code callrec.sip.tls-certificate}; the clients' stores lie beside it
     */
    static SSLSocketFactory client(Path serverCertificate, String client) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(serverCertificate)) {
            trusted.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManagerFactory keys = null;
        if (client != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(serverCertificate.resolveSibling(client + ".p12")), PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    /** A PEM private key that is not the gateway's (the stranger's), beside the gateway's files. */
    public Path foreignKey() throws IOException {
        Path file = folder.resolve(STRANGER + ".key");
        Files.writeString(file, privateKeyPem(STRANGER + ".p12", STRANGER));
        return file;
    }

    private void keyPair(String store, String alias, String name, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-keystore", store, "-alias", alias, "-dname", name));
        args.addAll(List.of(extra));
        keytool(args.toArray(String[]::new));
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(KEYTOOL, "-storetype", "PKCS12", "-storepass",
                new String(PASSWORD)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** keytool exports no private key: the PKCS#8 encoding of the stored one, as PEM. */
    private String privateKeyPem(String store, String alias) throws IOException {
        try {
            byte[] encoded = keyStore(folder.resolve(store)).getKey(alias, PASSWORD).getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore keyStore(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
