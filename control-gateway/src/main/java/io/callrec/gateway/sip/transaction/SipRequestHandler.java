package io.callrec.gateway.sip.transaction;

import io.callrec.gateway.sip.message.SipMessage;

/** What runs above the transactions: the dialogs and the recordings. Called on the SIP context only. */
public interface SipRequestHandler {
    /** A new request (not ACK, not CANCEL); answer through the transaction, now or later. */
    void request(ServerTransaction transaction);

    /** An ACK that matched no transaction by branch: the ACK for a 2xx, which belongs to a dialog. */
    void ack(SipMessage ack);

    /** A CANCEL ended this INVITE transaction with 487 before it was answered. */
    void cancelled(ServerTransaction invite);

    /** This INVITE's 2xx got no ACK within 64*T1 (RFC 3261 13.3.1.4): the dialog must be ended. */
    void unacknowledged(ServerTransaction invite);
}
