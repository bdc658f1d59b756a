package io.callrec.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import io.callrec.gateway.sip.session.RecordMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SIPREC recording server ({@code callrec.sip.*}): where it listens, whom it answers, its limits. */
@ConfigMapping(prefix = "callrec.sip")
public interface SipConfig {

    /** Off: no SIP port is opened. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("0.0.0.0")
    String host();

    /** UDP and TCP; 0 picks a free port (tests), reported by the server. */
    @WithDefault("5060")
    int port();

    /**
     * SIP over TLS (RFC 3261 26, TLS 1.2 or later); opened only when {@code tls-certificate} and {@code tls-key} are
     * set. 0 picks a free port (tests), reported by the server.
     */
    @WithDefault("5061")
    int tlsPort();

    /** PEM file: our certificate, then its intermediates. */
    Optional<String> tlsCertificate();

    /** PEM file: the certificate's private key (PKCS#8 or PKCS#1). */
    Optional<String> tlsKey();

    /** PEM file of CA certificates: when set, a TLS client must present a certificate one of them issued. */
    Optional<String> tlsClientCa();

    /** Recording clients (SBCs, PBXs) allowed to send anything; CIDR list, empty = all. */
    Optional<List<String>> allowedSources();

    /** One message, start line to end of body; over UDP a datagram cannot be longer than 65507 bytes. */
    @WithDefault("65000")
    int maxMessageBytes();

    @WithDefault("8192")
    int maxLineBytes();

    @WithDefault("100")
    int maxHeaders();

    /** TCP and TLS connections (counted together) from one address beyond this are closed at once. */
    @WithDefault("64")
    int maxConnectionsPerSource();

    /** Server transactions one address may hold at a time; beyond, requests are answered 503. */
    @WithDefault("2000")
    int maxTransactionsPerSource();

    /**
     * {@code always} or {@code on-demand}: whether a session is recorded from its start or only between the
     * {@code Record: on} and {@code Record: off} INFOs the recording client forwards into the recording dialog.
     */
    @WithDefault("always")
    RecordMode recordMode();

    /**
     * Per extension (a participant's number in the session's metadata): its mode, overriding {@code record-mode};
     * a session with any on-demand participant is on-demand. E.g. {@code record-mode-by-extension."1009"=on-demand}.
     */
    Map<String, RecordMode> recordModeByExtension();

    /**
     * URL record: the extension assigned to each device (MAC, any spelling), e.g.
     * {@code extension-by-device."0c:38:3e:00:00:01"=1009}; a phone's URL-record request switches the SIPREC session
     * that extension takes part in.
     */
    Map<String, String> extensionByDevice();

    /** RFC 3261 T1: first retransmission interval of a final response to INVITE over UDP; it doubles up to T2. */
    @WithDefault("500ms")
    Duration t1();

    @WithDefault("4s")
    Duration t2();
}
