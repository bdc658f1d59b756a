package io.callrec.simulator.rtp;

import io.callrec.simulator.call.SentPacket;
import io.callrec.simulator.call.StreamStats;

import java.util.List;

/**
 * What one call's RTP stream did.
 *
 * @param stats          its counters
 * @param packets        its packet log, empty unless one was asked for
 * @param firstSendError the first refusal by the operating system, empty when there was none
 */
public record StreamResult(StreamStats stats, List<SentPacket> packets, String firstSendError) {
}
