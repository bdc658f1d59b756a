package io.callrec.simulator.catalog;

import io.callrec.simulator.call.CallEnding;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.call.StreamStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a stored recording matches the call the simulator made: its length, its packet figures
 * given the impairments, and why it ended. Figures are checked within a slack, since a real
 * network may lose a few packets and the recorder may count duplicates as received or not.
 */
final class RecordingCheck {
    /** Duration may differ by this much plus {@link #DURATION_SLACK_PERCENT} of the call. */
    static final long DURATION_SLACK_MILLIS = 200;
    static final double DURATION_SLACK_PERCENT = 1;
    /** Packet figures may differ by this many plus {@link #PACKET_SLACK_PERCENT} of the call's packets. */
    static final int PACKET_SLACK = 2;
    static final double PACKET_SLACK_PERCENT = 1;

    private RecordingCheck() {
    }

    /** What is wrong with {@code recording} as the record of {@code call}; empty when nothing is. */
    static List<String> problems(SentCall call, CatalogRecording recording) {
        List<String> problems = new ArrayList<>();
        StreamStats stats = call.stats();
        long expectedMillis = (long) stats.packets() * CallPlan.PACKET_MILLIS;
        long durationSlack = DURATION_SLACK_MILLIS + Math.round(expectedMillis * DURATION_SLACK_PERCENT / 100);
        long packetSlack = PACKET_SLACK + Math.round(stats.packets() * PACKET_SLACK_PERCENT / 100);

        if (recording.durationMs() == CatalogRecording.MISSING) {
            problems.add("no durationMs");
        } else if (Math.abs(recording.durationMs() - expectedMillis) > durationSlack) {
            problems.add(String.format(Locale.ROOT, "duration %d ms, expected %d ms", recording.durationMs(), expectedMillis));
        }
        long received = recording.packetsReceived();
        if (received == CatalogRecording.MISSING) {
            problems.add("no packetsReceived");
        } else if (received < stats.deliveredPackets() - packetSlack
                || received > stats.deliveredPackets() + stats.duplicated()) {
            problems.add(String.format(Locale.ROOT, "packetsReceived %d, expected %d (+%d duplicates)", received,
                    stats.deliveredPackets(), stats.duplicated()));
        }
        if (recording.packetsLost() > stats.dropped() + packetSlack) {
            problems.add(String.format(Locale.ROOT, "packetsLost %d, but only %d were dropped", recording.packetsLost(),
                    stats.dropped()));
        }
        if (recording.packetsDuplicate() > stats.duplicated() + packetSlack) {
            problems.add(String.format(Locale.ROOT, "packetsDuplicate %d, but only %d were duplicated",
                    recording.packetsDuplicate(), stats.duplicated()));
        }
        String expectedReason = call.ending() == CallEnding.TCP_DROPPED ? "socket-error" : "normal";
        if (!expectedReason.equals(recording.stopReason())) {
            problems.add("stopReason '" + recording.stopReason() + "', expected '" + expectedReason + "'");
        }
        return problems;
    }
}
