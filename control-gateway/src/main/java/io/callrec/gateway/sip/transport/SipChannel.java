package io.callrec.gateway.sip.transport;

import io.callrec.gateway.sip.message.SipMessage;
import java.net.InetSocketAddress;

/** Where a request came from and its responses go: the UDP sender's address, or the TCP or TLS connection. */
public interface SipChannel {
    void send(SipMessage message);

    /** The peer's address, as the allowlist and per-source limits see it. */
    InetSocketAddress remote();

    /** TCP and TLS: responses are not retransmitted (RFC 3261 17.2.1). */
    boolean reliable();

    /** The Via transport token: {@code UDP}, {@code TCP} or {@code TLS}. */
    String transport();
}
