package io.callrec.simulator.rtp;

import io.callrec.contracts.Codec;
import io.callrec.simulator.FakeRecorder;
import io.callrec.simulator.ReceivedRtp;
import io.callrec.simulator.TestPlans;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentPacket;
import io.callrec.simulator.speech.SpeechSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RtpSenderTest {
    private static final SpeechSource SPEECH = SpeechSource.shipped();

    private FakeRecorder recorder;

    @BeforeEach
    void startRecorder() throws IOException {
        recorder = FakeRecorder.start();
    }

    @AfterEach
    void stopRecorder() throws IOException {
        recorder.close();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void sendsRtpVersion2WithSequenceStepOneAndTimestampStep160(Codec codec) throws Exception {
        CallPlan plan = TestPlans.plan(codec, 400);

        StreamResult result = stream(new Pacing(10), plan);

        List<ReceivedRtp> received = awaitDatagrams(20);
        ReceivedRtp first = received.get(0);
        for (int i = 0; i < received.size(); i++) {
            ReceivedRtp packet = received.get(i);
            assertThat(packet.version()).isEqualTo(2);
            assertThat(packet.payloadType()).isEqualTo(codec.payloadType());
            assertThat(packet.marker()).isEqualTo(i == 0);
            assertThat(packet.ssrc()).isEqualTo(first.ssrc());
            assertThat(packet.sequence()).isEqualTo((first.sequence() + i) & 0xFFFF);
            assertThat(packet.timestamp()).isEqualTo((first.timestamp() + 160L * i) & 0xFFFF_FFFFL);
            assertThat(packet.payload()).hasSize(160).isEqualTo(SPEECH.clip(codec).frame(i));
        }
        assertThat(result.stats().packets()).isEqualTo(20);
        assertThat(result.stats().datagrams()).isEqualTo(20);
    }

    @Test
    void theSameSeedLosesReordersAndDuplicatesTheSamePackets() throws Exception {
        Impairments impairments = Impairments.NONE.withLoss(10).withReorder(10).withDuplicates(5);

        List<SentPacket> first = stream(new Pacing(100), TestPlans.plan(Codec.PCMA, 10_000, impairments, 7)).packets();
        List<SentPacket> again = stream(new Pacing(100), TestPlans.plan(Codec.PCMA, 10_000, impairments, 7)).packets();
        List<SentPacket> otherSeed = stream(new Pacing(100), TestPlans.plan(Codec.PCMA, 10_000, impairments, 8)).packets();

        assertThat(fates(again)).isEqualTo(fates(first));
        assertThat(fates(otherSeed)).isNotEqualTo(fates(first));
        assertThat(first.stream().filter(SentPacket::dropped).count()).isBetween(25L, 75L);
        assertThat(first.stream().filter(SentPacket::reordered).count()).isBetween(20L, 70L);
        assertThat(first.stream().filter(SentPacket::duplicated).count()).isBetween(10L, 40L);
    }

    @Test
    void lostPacketsNeverLeaveButStillUseTheirSequenceNumber() throws Exception {
        StreamResult result = stream(new Pacing(50), TestPlans.plan(Codec.PCMU, 2000, Impairments.NONE.withLoss(20), 3));

        List<Integer> expected = result.packets().stream().filter(packet -> !packet.dropped())
                .map(SentPacket::sequence).toList();
        List<ReceivedRtp> received = awaitDatagrams(expected.size());
        assertThat(received).extracting(ReceivedRtp::sequence).isEqualTo(expected);
        assertThat(result.stats().dropped()).isEqualTo(100 - expected.size()).isPositive();
    }

    @Test
    void reorderedPacketsArriveRightAfterTheirSuccessor() throws Exception {
        StreamResult result = stream(new Pacing(50), TestPlans.plan(Codec.PCMA, 2000, Impairments.NONE.withReorder(20), 5));

        List<Integer> arrival = awaitDatagrams(100).stream().map(ReceivedRtp::sequence).toList();
        List<SentPacket> reordered = result.packets().stream().filter(SentPacket::reordered).toList();
        assertThat(reordered).isNotEmpty();
        for (SentPacket packet : reordered) {
            int successor = (packet.sequence() + 1) & 0xFFFF;
            assertThat(arrival.indexOf(packet.sequence())).isEqualTo(arrival.indexOf(successor) + 1);
        }
    }

    @Test
    void duplicatedPacketsArriveTwiceInARow() throws Exception {
        StreamResult result = stream(new Pacing(50), TestPlans.plan(Codec.G722, 2000, Impairments.NONE.withDuplicates(10), 9));

        int duplicates = result.stats().duplicated();
        List<Integer> arrival = awaitDatagrams(100 + duplicates).stream().map(ReceivedRtp::sequence).toList();
        assertThat(duplicates).isPositive();
        assertThat(result.stats().datagrams()).isEqualTo(100 + duplicates);
        for (SentPacket packet : result.packets().stream().filter(SentPacket::duplicated).toList()) {
            int at = arrival.indexOf(packet.sequence());
            assertThat(arrival.get(at + 1)).isEqualTo(packet.sequence());
        }
    }

    @Test
    void ssrcChangeStartsANewSourceMarkedOnItsFirstPacket() throws Exception {
        stream(new Pacing(10), TestPlans.plan(Codec.PCMA, 400, Impairments.NONE.withSsrcChangeAt(200), 11));

        List<ReceivedRtp> received = awaitDatagrams(20);
        ReceivedRtp before = received.get(0);
        ReceivedRtp after = received.get(10);
        assertThat(after.ssrc()).isNotEqualTo(before.ssrc());
        assertThat(received).filteredOn(ReceivedRtp::marker).containsExactly(before, after);
        assertThat(received.subList(0, 10)).allMatch(packet -> packet.ssrc() == before.ssrc());
        assertThat(received.subList(10, 20)).allMatch(packet -> packet.ssrc() == after.ssrc());
        assertThat(received.get(19).sequence()).isEqualTo((after.sequence() + 9) & 0xFFFF);
        assertThat(received.get(19).timestamp()).isEqualTo((after.timestamp() + 9 * 160) & 0xFFFF_FFFFL);
        // The speech carries on across the change.
        assertThat(after.payload()).isEqualTo(SPEECH.clip(Codec.PCMA).frame(10));
    }

    @Test
    void realTimePacingSendsFiftyPacketsPerSecondOfCall() throws Exception {
        try (RtpSender sender = RtpSender.start(Pacing.realTime())) {
            long start = System.nanoTime();
            List<CompletableFuture<StreamResult>> calls = List.of(
                    sender.stream(TestPlans.plan(Codec.PCMA, 1000), SPEECH.clip(Codec.PCMA), recorder.rtpAddress(), false),
                    sender.stream(TestPlans.plan(Codec.PCMU, 1000), SPEECH.clip(Codec.PCMU), recorder.rtpAddress(), false),
                    sender.stream(TestPlans.plan(Codec.G722, 1000), SPEECH.clip(Codec.G722), recorder.rtpAddress(), false));
            for (CompletableFuture<StreamResult> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).stats().datagrams()).isEqualTo(50);
            }
            // Paced, not blasted: 50 packets span at least 49 intervals.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(49 * 20));
            // Published once per wake-up, so it may trail the last call's completion briefly.
            await().atMost(Duration.ofSeconds(5)).until(() -> sender.datagramsSent() == 150);
        }
        assertThat(awaitDatagrams(150)).hasSize(150);
    }

    @Test
    void closingTheSenderCancelsStreamsStillRunning() throws Exception {
        RtpSender sender = RtpSender.start(Pacing.realTime());
        CompletableFuture<StreamResult> call =
                sender.stream(TestPlans.plan(Codec.PCMA, 60_000), SPEECH.clip(Codec.PCMA), recorder.rtpAddress(), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.datagramCount() > 0);

        sender.close();

        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }

    private StreamResult stream(Pacing pacing, CallPlan plan)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        try (RtpSender sender = RtpSender.start(pacing)) {
            return sender.stream(plan, SPEECH.clip(plan.codec()), recorder.rtpAddress(), true).get(30, TimeUnit.SECONDS);
        }
    }

    private List<ReceivedRtp> awaitDatagrams(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.datagrams().size() >= count);
        return recorder.datagrams().stream().map(ReceivedRtp::parse).toList();
    }

    /** What happened to each packet, without the payload arrays (which records compare by identity). */
    private static List<String> fates(List<SentPacket> packets) {
        return packets.stream().map(packet -> packet.sequence() + ":" + packet.ssrc() + ":" + packet.dropped() + ":"
                + packet.reordered() + ":" + packet.duplicated()).toList();
    }
}
