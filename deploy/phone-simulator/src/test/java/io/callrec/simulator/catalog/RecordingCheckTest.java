package io.callrec.simulator.catalog;

import io.callrec.contracts.Codec;
import io.callrec.simulator.TestPlans;
import io.callrec.simulator.call.CallEnding;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.call.StreamStats;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingCheckTest {
    /** 30 s: 1500 packets, 15 lost by impairment, 6 sent twice. */
    private static final StreamStats IMPAIRED = new StreamStats(1500, 1491, 15, 4, 6, 0, 0);

    @Test
    void acceptsFiguresThatMatchTheImpairments() {
        assertThat(RecordingCheck.problems(call(CallEnding.STOPPED), recording(30_000, 1485, 15, 6, "normal"))).isEmpty();
    }

    @Test
    void acceptsDuplicatesCountedAsReceivedAndAFewPacketsLostOnTheWay() {
        assertThat(RecordingCheck.problems(call(CallEnding.STOPPED), recording(29_980, 1491, 15, 6, "normal"))).isEmpty();
        assertThat(RecordingCheck.problems(call(CallEnding.STOPPED), recording(30_000, 1470, 30, 6, "normal"))).isEmpty();
    }

    @Test
    void flagsADurationFarFromTheCallLength() {
        assertThat(RecordingCheck.problems(call(CallEnding.STOPPED), recording(29_000, 1485, 15, 6, "normal")))
                .containsExactly("duration 29000 ms, expected 30000 ms");
    }

    @Test
    void flagsMorePacketsReceivedThanSentOrFarFewer() {
        assertThat(RecordingCheck.problems(call(CallEnding.STOPPED), recording(30_000, 1492, 15, 6, "normal")))
                .containsExactly("packetsReceived 1492, expected 1485 (+6 duplicates)");
        assertThat(RecordingCheck.problems(call(CallEnding.STOPPED), recording(30_000, 1400, 15, 6, "normal")))
                .containsExactly("packetsReceived 1400, expected 1485 (+6 duplicates)");
    }

    @Test
    void flagsLossOrDuplicatesBeyondWhatWasSimulated() {
        assertThat(RecordingCheck.problems(call(CallEnding.STOPPED), recording(30_000, 1485, 40, 30, "normal")))
                .containsExactly("packetsLost 40, but only 15 were dropped",
                        "packetsDuplicate 30, but only 6 were duplicated");
    }

    @Test
    void expectsSocketErrorAfterATcpDropAndNormalAfterAStop() {
        assertThat(RecordingCheck.problems(call(CallEnding.TCP_DROPPED), recording(30_000, 1485, 15, 6, "socket-error"))).isEmpty();
        assertThat(RecordingCheck.problems(call(CallEnding.TCP_DROPPED), recording(30_000, 1485, 15, 6, "normal")))
                .containsExactly("stopReason 'normal', expected 'socket-error'");
    }

    @Test
    void flagsFiguresTheCatalogLeftOut() {
        CatalogRecording empty = new CatalogRecording("r", "s", "d", "available", null, CatalogRecording.MISSING,
                CatalogRecording.MISSING, CatalogRecording.MISSING, CatalogRecording.MISSING, "normal");
        assertThat(RecordingCheck.problems(call(CallEnding.STOPPED), empty)).containsExactly("no durationMs", "no packetsReceived");
    }

    private static SentCall call(CallEnding ending) {
        return new SentCall(TestPlans.plan(Codec.PCMA, 30_000), ending, "", IMPAIRED, 1, List.of());
    }

    private static CatalogRecording recording(long durationMs, long received, long lost, long duplicates, String stopReason) {
        return new CatalogRecording("r", "s", "d", "available", Instant.EPOCH, durationMs, received, lost, duplicates, stopReason);
    }
}
