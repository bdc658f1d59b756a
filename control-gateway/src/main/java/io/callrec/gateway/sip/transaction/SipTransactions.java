package io.callrec.gateway.sip.transaction;

import io.callrec.gateway.config.SipConfig;
import io.callrec.gateway.sip.message.SipMessage;
import io.callrec.gateway.sip.message.SipResponses;
import io.callrec.gateway.sip.transport.SipChannel;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * Server transactions (RFC 3261 17.2.3 matching): a retransmitted request is answered again from its transaction
 * and goes no further; an INVITE is answered 100 Trying at once; CANCEL is answered here (200, then 487 for its
 * INVITE if that is still unanswered, 481 if there is none); ACK to a non-2xx final response ends the
 * retransmissions. Responses go to the {@link ClientTransactions} of the requests we sent. Everything runs on the
 * SIP context.
 */
@ApplicationScoped
public class SipTransactions {
    private final Vertx vertx;
    private final SipRequestHandler handler;
    private final ClientTransactions clientTransactions;
    private final SipTimers timers;
    private final int maxPerSource;
    private final Map<String, ServerTransaction> transactions = new HashMap<>();
    private final Map<String, Integer> perSource = new HashMap<>();

    public SipTransactions(Vertx vertx, SipRequestHandler handler, ClientTransactions clientTransactions,
                           SipConfig config) {
        this.vertx = vertx;
        this.handler = handler;
        this.clientTransactions = clientTransactions;
        this.timers = SipTimers.of(config);
        this.maxPerSource = config.maxTransactionsPerSource();
    }

    public void receive(SipMessage message, SipChannel channel) {
        if (!message.isRequest()) {
            clientTransactions.response(message);
            return;
        }
        String method = message.method();
        if (method.equals("ACK")) {
            ServerTransaction invite = transactions.get(key(message, "INVITE"));
            if (invite != null && invite.finalStatus() >= 300) {
                invite.acknowledge();
            } else {
                handler.ack(message);
            }
            return;
        }
        ServerTransaction existing = transactions.get(key(message, method));
        if (existing != null) {
            existing.retransmitted();
            return;
        }
        String source = channel.remote().getAddress().getHostAddress();
        if (perSource.getOrDefault(source, 0) >= maxPerSource) {
            channel.send(SipResponses.of(message, 503, "Service Unavailable", null));
            return;
        }
        String key = key(message, method);
        perSource.merge(source, 1, Integer::sum);
        ServerTransaction transaction = new ServerTransaction(message, channel, vertx, timers, () -> {
            transactions.remove(key);
            perSource.computeIfPresent(source, (k, count) -> count <= 1 ? null : count - 1);
        }, handler::unacknowledged);
        transactions.put(key, transaction);
        if (method.equals("CANCEL")) {
            cancel(transaction);
            return;
        }
        if (method.equals("INVITE")) {
            channel.send(SipResponses.of(message, 100, "Trying", null));
        }
        handler.request(transaction);
    }

    private void cancel(ServerTransaction cancel) {
        ServerTransaction invite = transactions.get(key(cancel.request(), "INVITE"));
        if (invite == null) {
            cancel.respond(SipResponses.of(cancel.request(), 481, "Call/Transaction Does Not Exist", null));
            return;
        }
        cancel.respond(SipResponses.of(cancel.request(), 200, "OK", null));
        if (!invite.completed()) {
            invite.cancel(SipResponses.of(invite.request(), 487, "Request Terminated", invite.localTag()));
            handler.cancelled(invite);
        }
    }

    /**
     * The transaction key: the top Via's branch when it has the RFC 3261 magic cookie, else what RFC 2543
     * clients keep equal in a retransmission (Call-ID, From tag, CSeq number); with the method, since a CANCEL
     * shares its INVITE's branch.
     */
    private static String key(SipMessage request, String method) {
        String branch = request.topViaBranch();
        if (branch != null && branch.startsWith("z9hG4bK")) {
            return branch + '|' + method;
        }
        return request.callId() + '|' + request.fromTag() + '|' + request.cseqNumber() + '|' + method;
    }
}
