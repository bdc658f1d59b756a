package io.callrec.gateway.sip.session;

/** Whether a SIPREC session's audio is kept from its start, or only while switched on by {@code Record: on}. */
public enum RecordMode {
    /** Kept from the start; {@code Record: off} / {@code Record: on} pause and resume. */
    ALWAYS,
    /** Nothing kept until {@code Record: on}; a session never switched on leaves no audio. */
    ON_DEMAND
}
