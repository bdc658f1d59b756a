package io.callrec.gateway.sip.session;

/** What a URL-record request did: switched the one matching session on or off, or found none or several. */
public enum UrlRecordOutcome {
    ON,
    OFF,
    NO_CALL,
    SEVERAL_CALLS
}
