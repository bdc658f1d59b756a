package io.callrec.gateway.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callrec.gateway.sip.it.SipTlsCertificates;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS setting that cannot work stops the gateway's start, naming the setting and the file. */
class SipTlsOptionsTest {
    private static final SipTlsCertificates CERTIFICATES = new SipTlsCertificates();
    private static Vertx vertx;
    private static Optional<String> certificate;
    private static Optional<String> key;

    @TempDir
    Path folder;

    @BeforeAll
    static void startVertxAndMakeCertificates() {
        vertx = Vertx.vertx();
        Map<String, String> gateway = CERTIFICATES.start();
        certificate = Optional.of(gateway.get("callrec.sip.tls-certificate"));
        key = Optional.of(gateway.get("callrec.sip.tls-key"));
    }

    @AfterAll
    static void closeVertxAndDeleteCertificates() {
        vertx.close();
        CERTIFICATES.stop();
    }

    @Test
    void aCertificateAndItsKeyTurnTlsOn() {
        assertThat(SipTlsOptions.of(certificate, key, Optional.empty(), vertx)).isPresent();
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
        String foreign = CERTIFICATES.foreignKey().toString();
        assertThatThrownBy(() -> SipTlsOptions.of(certificate, Optional.of(foreign), Optional.empty(), vertx))
                .isInstanceOf(IllegalStateException.class).hasMessage("callrec.sip.tls-key " + foreign
                        + " is not the private key of callrec.sip.tls-certificate " + certificate.get());
    }

    @Test
    void withoutCertificateAndKeyTlsIsOff() {
        assertThat(SipTlsOptions.of(Optional.empty(), Optional.empty(), Optional.empty(), vertx)).isEmpty();
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> SipTlsOptions.of(Optional.of("/etc/callrec/sip.crt"), Optional.empty(),
                Optional.empty(), vertx)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("callrec.sip.tls-certificate and callrec.sip.tls-key");
    }

    @Test
    void aMissingFileIsNamedWithItsSetting() throws Exception {
        Path certificate = Files.writeString(folder.resolve("sip.crt"), "not used");
        String key = folder.resolve("missing.key").toString();
        assertThatThrownBy(() -> SipTlsOptions.of(Optional.of(certificate.toString()), Optional.of(key),
                Optional.empty(), vertx)).isInstanceOf(IllegalStateException.class)
                .hasMessage("callrec.sip.tls-key: " + key + " is not a readable file");
    }

    @Test
    void filesThatAreNotPemAreRefused() throws Exception {
        Path certificate = Files.writeString(folder.resolve("sip.crt"), "a certificate was meant to be here\n");
        Path key = Files.writeString(folder.resolve("sip.key"), "and a key here\n");
        assertThatThrownBy(() -> SipTlsOptions.of(Optional.of(certificate.toString()), Optional.of(key.toString()),
                Optional.empty(), vertx)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("callrec.sip.tls-certificate " + certificate + " and callrec.sip.tls-key "
                        + key + " are not a PEM certificate and its private key");
    }
}
