package io.callrec.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A recording session's life on {@code callrec.sessions} (JSON). {@code type} is {@link #STARTED}, {@link #STOPPED}
 * or {@link #DESCRIBED}; a stopped event carries only the ids, the reason and the time; a described one only the ids,
 * the parties' numbers and names (all four: null means unknown now) and the time.
 *
 * @param type          {@code started}, {@code stopped} or {@code described}
 * @param recordingId   callrec's id of the recording
 * @param sessionId     the phone's own id (random, not unique across phones: metadata only)
 * @param device        the phone's MAC address
 * @param sourceIp      the phone's IP address, the only source accepted for its RTP
 * @param localNumber   the phone user's number
 * @param localName     the phone user's name
 * @param remoteNumber  the other party's number
 * @param remoteName    the other party's name
 * @param direction     {@code in} or {@code out}
 * @param codec         PCMA, PCMU or G722
 * @param ingestHost    the rtp-ingest address the phone streams to
 * @param ingestPort    the UDP port it streams to
 * @param reason        why the session stopped ({@code normal}, {@code socket-error}, ...); null when started
 * @param at            when it started or stopped
 */
public record SessionEvent(String type, UUID recordingId, String sessionId, String device, String sourceIp,
                           String localNumber, String localName, String remoteNumber, String remoteName,
                           String direction, String codec, String ingestHost, Integer ingestPort,
                           String reason, Instant at) {
    public static final String STARTED = "started";
    public static final String STOPPED = "stopped";
    /** The parties changed while the session runs (a SIPREC re-INVITE's metadata); always after its start. */
    public static final String DESCRIBED = "described";

    public static SessionEvent stopped(UUID recordingId, String sessionId, String reason, Instant at) {
        return new SessionEvent(STOPPED, recordingId, sessionId, null, null, null, null, null, null, null, null,
                null, null, reason, at);
    }

    public static SessionEvent described(UUID recordingId, String sessionId, String localNumber, String localName,
                                         String remoteNumber, String remoteName, Instant at) {
        return new SessionEvent(DESCRIBED, recordingId, sessionId, null, null, localNumber, localName, remoteNumber,
                remoteName, null, null, null, null, null, at);
    }
}
