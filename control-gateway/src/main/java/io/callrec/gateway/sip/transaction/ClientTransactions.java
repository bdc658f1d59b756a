package io.callrec.gateway.sip.transaction;

import io.callrec.gateway.config.SipConfig;
import io.callrec.gateway.sip.message.SipMessage;
import io.callrec.gateway.sip.transport.SipChannel;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * Non-INVITE client transactions (RFC 3261 17.1.2), for the BYE the server sends on its own: over UDP the request
 * is sent again at T1, doubling up to T2, until a final response comes or 64*T1 has passed (timers E and F); over
 * TCP once. Nothing waits for the response: the dialog is over either way. Confined to the SIP context.
 */
@ApplicationScoped
public class ClientTransactions {
    private final Vertx vertx;
    private final SipTimers timers;
    /** Timer ids of the requests still retransmitted, by their Via branch. */
    private final Map<String, Long> retransmitting = new HashMap<>();

    public ClientTransactions(Vertx vertx, SipConfig config) {
        this.vertx = vertx;
        this.timers = SipTimers.of(config);
    }

    public void send(SipMessage request, SipChannel channel) {
        channel.send(request);
        if (!channel.reliable()) {
            retransmit(request.topViaBranch(), request, channel, timers.t1Millis(), 0);
        }
    }

    /** A response to one of our requests: a final one ends its retransmissions. */
    void response(SipMessage response) {
        if (response.status() >= 200) {
            Long timer = retransmitting.remove(response.topViaBranch());
            if (timer != null) {
                vertx.cancelTimer(timer);
            }
        }
    }

    private void retransmit(String branch, SipMessage request, SipChannel channel, long interval, long elapsed) {
        retransmitting.put(branch, vertx.setTimer(interval, id -> {
            long now = elapsed + interval;
            if (now >= timers.lifetimeMillis()) {
                retransmitting.remove(branch);
                return;
            }
            channel.send(request);
            retransmit(branch, request, channel, Math.min(interval * 2, timers.t2Millis()), now);
        }));
    }
}
