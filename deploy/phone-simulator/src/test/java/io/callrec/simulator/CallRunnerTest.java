package io.callrec.simulator;

import io.callrec.contracts.Codec;
import io.callrec.simulator.call.CallEnding;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.call.SentPacket;
import io.callrec.simulator.control.SimulatedPhone;
import io.callrec.simulator.rtp.Pacing;
import io.callrec.simulator.rtp.RtpSender;
import io.callrec.simulator.speech.SpeechSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CallRunnerTest {
    private FakeRecorder recorder;
    private RtpSender sender;
    private ExecutorService control;
    private CallRunner runner;

    @BeforeEach
    void start() throws IOException {
        recorder = FakeRecorder.start();
        sender = RtpSender.start(new Pacing(20));
        control = Executors.newCachedThreadPool();
        runner = new CallRunner(sender, SpeechSource.shipped(), control);
    }

    @AfterEach
    void stop() throws IOException {
        control.shutdownNow();
        sender.close();
        recorder.close();
    }

    @Test
    void callStartsStreamsItsPacketsThenStops() throws Exception {
        CallPlan plan = TestPlans.plan(Codec.PCMA, 600);
        try (SimulatedPhone phone = SimulatedPhone.connect(recorder.controlAddress())) {
            SentCall call = runner.run(phone, plan, true).get(10, TimeUnit.SECONDS);

            assertThat(call.ending()).isEqualTo(CallEnding.STOPPED);
            assertThat(call.failureReason()).isEmpty();
            assertThat(call.stats().datagrams()).isEqualTo(30);
            assertThat(call.packets()).hasSize(30).extracting(SentPacket::index).startsWith(0, 1, 2);
            assertThat(call.stopNanos()).isPositive();
        }
        assertThat(recorder.datagramCount()).isEqualTo(30);
        assertThat(recorder.endings()).containsEntry(plan.sessionId(), "normal");
    }

    @Test
    void theStopLeavesWhenTheStreamEndsEvenWhileEveryControlThreadIsBusy() throws Exception {
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        CallPlan plan = TestPlans.plan(Codec.PCMA, 400);
        try (SimulatedPhone phone = SimulatedPhone.connect(recorder.controlAddress())) {
            CompletableFuture<SentCall> call = new CallRunner(sender, SpeechSource.shipped(), oneThread)
                    .run(phone, plan, false);
            // Queued behind the start exchange: the only control thread is busy until the end of the test.
            oneThread.execute(() -> awaitQuietly(release));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> recorder.linesStartingWith("cmd=RecordStopRequest").size() == 1);
            assertThat(call).isNotDone();

            release.countDown();
            assertThat(call.get(10, TimeUnit.SECONDS).ending()).isEqualTo(CallEnding.STOPPED);
        } finally {
            oneThread.shutdownNow();
        }
        assertThat(recorder.endings()).containsEntry(plan.sessionId(), "normal");
    }

    @Test
    void plannedTcpDropEndsTheCallWithoutAStop() throws Exception {
        CallPlan plan = TestPlans.plan(Codec.G722, 400, Impairments.NONE.withTcpDrop(true), 1);
        SimulatedPhone phone = SimulatedPhone.connect(recorder.controlAddress());

        SentCall call = runner.run(phone, plan, false).get(10, TimeUnit.SECONDS);

        assertThat(call.ending()).isEqualTo(CallEnding.TCP_DROPPED);
        assertThat(call.succeeded()).isTrue();
        assertThat(call.packets()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.endings().containsKey(plan.sessionId()));
        assertThat(recorder.endings()).containsEntry(plan.sessionId(), "socket-error");
        assertThat(recorder.linesStartingWith("cmd=RecordStopRequest")).isEmpty();
    }

    @Test
    void refusedStartFailsTheCallWithTheReasonAndSendsNoRtp() throws Exception {
        recorder.refuseStarts("device-not-allowed");
        try (SimulatedPhone phone = SimulatedPhone.connect(recorder.controlAddress())) {
            SentCall call = runner.run(phone, TestPlans.plan(Codec.PCMU, 400), false).get(10, TimeUnit.SECONDS);

            assertThat(call.ending()).isEqualTo(CallEnding.FAILED);
            assertThat(call.failureReason()).isEqualTo("start refused: device-not-allowed");
            assertThat(call.stats().datagrams()).isZero();
        }
        assertThat(recorder.datagramCount()).isZero();
        assertThat(recorder.lines()).hasSize(1);
    }

    @Test
    void recorderClosingTheConnectionFailsTheCall() throws Exception {
        SimulatedPhone phone = SimulatedPhone.connect(recorder.controlAddress());
        recorder.close();

        SentCall call = runner.run(phone, TestPlans.plan(Codec.PCMA, 400), false).get(15, TimeUnit.SECONDS);

        assertThat(call.ending()).isEqualTo(CallEnding.FAILED);
        assertThat(call.failureReason()).startsWith("start failed: ");
        assertThat(call.stats().datagrams()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
