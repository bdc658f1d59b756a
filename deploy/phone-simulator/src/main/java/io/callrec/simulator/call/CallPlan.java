package io.callrec.simulator.call;

import io.callrec.contracts.CallDirection;
import io.callrec.contracts.Codec;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything about one simulated call that is decided before it starts.
 *
 * @param sessionId      the phone's own session id ({@code id=}); random, not necessarily unique
 * @param device         the phone's MAC address, e.g. {@code 0c:38:3e:00:00:01}
 * @param codec          the codec the phone streams
 * @param direction      inbound or outbound call
 * @param parties        numbers and names reported to the recorder
 * @param durationMillis media length of the call; a whole number of 20 ms packets is sent
 * @param impairments    what goes wrong during the call
 * @param seed           decides the SSRC, the first sequence number and timestamp, and every
 *                       impairment choice
 */
public record CallPlan(String sessionId, String device, Codec codec, CallDirection direction, CallParties parties,
                       long durationMillis, Impairments impairments, long seed) {

    /** Media carried by one RTP packet. */
    public static final int PACKET_MILLIS = 20;

    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");

    public CallPlan {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(parties, "parties");
        Objects.requireNonNull(impairments, "impairments");
        if (sessionId.isBlank()) {
            throw new IllegalArgumentException("sessionId must not be blank");
        }
        if (device == null || !MAC.matcher(device).matches()) {
            throw new IllegalArgumentException("device must be a MAC address like 0c:38:3e:00:00:01, was " + device);
        }
        if (durationMillis < PACKET_MILLIS) {
            throw new IllegalArgumentException("durationMillis must be at least one packet (20 ms), was " + durationMillis);
        }
    }

    /** Packets the call consists of, sent or not: the duration rounded down to whole packets. */
    public int packetCount() {
        return Math.toIntExact(durationMillis / PACKET_MILLIS);
    }
}
