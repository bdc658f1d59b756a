package io.callrec.gateway.sip.transaction;

import io.callrec.gateway.sip.message.SipMessage;
import io.callrec.gateway.sip.transport.SipChannel;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * One server transaction (RFC 3261 17.2): the request, where its responses go and the last one sent, which a
 * retransmitted request gets again. A final response to INVITE over UDP is sent again at T1, doubling up to T2,
 * until the ACK comes or 64*T1 has passed (for 2xx this is the UAS core's duty, 13.3.1.4; one mechanism does
 * both). A 2xx whose ACK has not come by then, over any transport, is reported: the dialog must end (13.3.1.4).
 * Confined to the SIP context.
 */
public final class ServerTransaction {
    private final SipMessage request;
    private final SipChannel channel;
    private final Vertx vertx;
    private final SipTimers timers;
    private final Runnable onTerminated;
    private final Consumer<ServerTransaction> onUnacknowledged;
    private SipMessage lastResponse;
    private String localTag;
    private long retransmitTimer = -1;
    private boolean acknowledged;
    private boolean cancelled;
    private boolean terminated;

    ServerTransaction(SipMessage request, SipChannel channel, Vertx vertx, SipTimers timers, Runnable onTerminated,
                      Consumer<ServerTransaction> onUnacknowledged) {
        this.request = request;
        this.channel = channel;
        this.vertx = vertx;
        this.timers = timers;
        this.onTerminated = onTerminated;
        this.onUnacknowledged = onUnacknowledged;
    }

    public SipMessage request() {
        return request;
    }

    public SipChannel channel() {
        return channel;
    }

    /** Our To tag for this request's dialog, once one is chosen (a 487 after CANCEL carries it too). */
    public String localTag() {
        return localTag;
    }

    public void localTag(String tag) {
        localTag = tag;
    }

    public boolean isInvite() {
        return "INVITE".equals(request.method());
    }

    /** A final response has been sent. */
    public boolean completed() {
        return lastResponse != null && lastResponse.status() >= 200;
    }

    /** The final response's status; 0 before one was sent. */
    public int finalStatus() {
        return completed() ? lastResponse.status() : 0;
    }

    /** A CANCEL has ended this INVITE (with 487) before its answer was ready. */
    public boolean cancelled() {
        return cancelled;
    }

    public boolean acknowledged() {
        return acknowledged;
    }

    /** Sends a response; a second final response is ignored (the first one stands). */
    public void respond(SipMessage response) {
        if (completed() || terminated) {
            return;
        }
        lastResponse = response;
        channel.send(response);
        if (response.status() < 200) {
            return;
        }
        if (isInvite() && !channel.reliable()) {
            scheduleRetransmission(timers.t1Millis(), 0);
        }
        if (isInvite() && response.status() / 100 == 2) {
            vertx.setTimer(timers.lifetimeMillis(), id -> {
                if (!acknowledged) {
                    onUnacknowledged.accept(this);
                }
            });
        }
        // Kept to absorb retransmitted requests, then forgotten (timer J / H).
        vertx.setTimer(timers.lifetimeMillis(), id -> terminate());
    }

    /** Sends 487 to this INVITE because of a CANCEL; the later answer is dropped by {@link #respond}. */
    void cancel(SipMessage terminated) {
        cancelled = true;
        respond(terminated);
    }

    /** A retransmission of the request: the last response again (nothing yet: the request is still in work). */
    void retransmitted() {
        if (lastResponse != null) {
            channel.send(lastResponse);
        }
    }

    /** The ACK for the final response came: no more retransmissions. */
    public void acknowledge() {
        acknowledged = true;
        cancelTimer();
    }

    private void scheduleRetransmission(long interval, long elapsed) {
        retransmitTimer = vertx.setTimer(interval, id -> {
            if (acknowledged || terminated) {
                return;
            }
            long now = elapsed + interval;
            if (now >= timers.lifetimeMillis()) {
                return;
            }
            channel.send(lastResponse);
            scheduleRetransmission(Math.min(interval * 2, timers.t2Millis()), now);
        });
    }

    private void cancelTimer() {
        if (retransmitTimer >= 0) {
            vertx.cancelTimer(retransmitTimer);
            retransmitTimer = -1;
        }
    }

    void terminate() {
        if (terminated) {
            return;
        }
        terminated = true;
        cancelTimer();
        onTerminated.run();
    }
}
