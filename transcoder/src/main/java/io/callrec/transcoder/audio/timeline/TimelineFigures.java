package io.callrec.transcoder.audio.timeline;

/**
 * What rebuilding one recording's timeline found.
 *
 * @param packetsReceived  distinct packets taken into the timeline in sequence order, whatever
 *                         their payload type
 * @param packetsLost      sequence numbers never placed: missing, or whose packet came too late
 * @param packetsDuplicate copies of a packet already held or placed, dropped
 * @param packetsLate      packets that arrived after a later-sequenced packet of their stream:
 *                         placed if within the reorder window, dropped (and lost) otherwise
 * @param packetsIgnored   packets not used as audio: a payload type that is neither the codec's,
 *                         comfort noise (13) nor a telephone event (96-127), counted within
 *                         {@code packetsReceived}; and lone packets whose sequence number jumps
 *                         far from their stream without a successor confirming the jump
 * @param concealedMillis  silence inserted for lost packets, timestamp gaps and stream changes
 * @param samplesWritten   PCM samples given to the sink, silence included
 * @param durationMillis   length of the audio given to the sink
 */
public record TimelineFigures(long packetsReceived, long packetsLost, long packetsDuplicate, long packetsLate,
                              long packetsIgnored, long concealedMillis, long samplesWritten, long durationMillis) {
}
