package io.callrec.simulator.load;

import io.callrec.contracts.Codec;
import io.callrec.simulator.FakeRecorder;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.rtp.Pacing;
import io.callrec.simulator.speech.SpeechSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class LoadRunTest {
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final List<SentCall> ended = new CopyOnWriteArrayList<>();
    private FakeRecorder recorder;

    @BeforeEach
    void startRecorder() throws IOException {
        recorder = FakeRecorder.start();
    }

    @AfterEach
    void stopRecorder() throws IOException {
        recorder.close();
    }

    @Test
    void phonesMakeTheirCallsOneAfterTheOtherOnOneConnection() throws Exception {
        LoadSettings settings = settings(recorder.controlAddress(), 4, 2, List.of(Codec.PCMA, Codec.PCMU, Codec.G722), 0);

        LoadSummary summary = run(settings);

        assertThat(summary.started()).isEqualTo(8);
        assertThat(summary.succeeded()).isEqualTo(8);
        assertThat(summary.allSucceeded()).isTrue();
        assertThat(summary.datagrams()).isEqualTo(8 * 25);
        assertThat(recorder.connections()).isEqualTo(4);
        assertThat(recorder.linesStartingWith("cmd=RecordStopRequest")).hasSize(8);
        assertThat(recorder.datagramCount()).isEqualTo(8 * 25);
        assertThat(ended).hasSize(8).allMatch(SentCall::succeeded);
    }

    @Test
    void phonesTakeTheirCodecsInTurnFromTheMix() throws Exception {
        run(settings(recorder.controlAddress(), 4, 1, List.of(Codec.PCMA, Codec.G722), 0));

        assertThat(recorder.linesStartingWith("cmd=RecordStartRequest"))
                .extracting(line -> line.substring(line.indexOf("&codec=") + 7))
                .containsExactlyInAnyOrder("PCMA", "G722", "PCMA", "G722");
    }

    @Test
    void everyCallCarriesTheRunTagInItsRemoteName() throws Exception {
        run(settings(recorder.controlAddress(), 2, 1, List.of(Codec.PCMA), 0));

        assertThat(recorder.linesStartingWith("cmd=RecordStartRequest"))
                .allMatch(line -> line.contains("&remote_name=callrec-sim-test%20#"));
    }

    @Test
    void droppedConnectionsAreOpenedAgainForTheNextCall() throws Exception {
        LoadSummary summary = run(settings(recorder.controlAddress(), 2, 2, List.of(Codec.PCMA), 100));

        assertThat(summary.succeeded()).isEqualTo(4);
        assertThat(recorder.connections()).isEqualTo(4);
        assertThat(recorder.linesStartingWith("cmd=RecordStopRequest")).isEmpty();
    }

    @Test
    void refusedStartsAreCountedByReason() throws Exception {
        recorder.refuseStarts("no-capacity");

        LoadSummary summary = run(settings(recorder.controlAddress(), 3, 1, List.of(Codec.PCMA), 0));

        assertThat(summary.failed()).isEqualTo(3);
        assertThat(summary.allSucceeded()).isFalse();
        assertThat(summary.failureReasons()).isEqualTo(Map.of("start refused: no-capacity", 3L));
    }

    @Test
    void unreachableRecorderFailsEveryCallWithTheConnectError() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = (InetSocketAddress) closed.getLocalSocketAddress();
        }

        LoadSummary summary = run(settings(nobody, 2, 3, List.of(Codec.PCMA), 0));

        assertThat(summary.started()).isEqualTo(6);
        assertThat(summary.failed()).isEqualTo(6);
        assertThat(summary.failureReasons()).hasSize(1);
        assertThat(summary.failureReasons().keySet().iterator().next()).startsWith("connect failed: ");
    }

    @Test
    void summaryNamesCallsPacketsAndFailures() throws Exception {
        recorder.refuseStarts("no-capacity");
        LoadSummary summary = run(settings(recorder.controlAddress(), 2, 1, List.of(Codec.PCMA), 0));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        summary.print(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("calls:   2 started, 0 succeeded, 2 failed")
                .contains("2 x start refused: no-capacity")
                .contains("late:    0 sends")
                .contains("stops:   sent over 0.00 s, first to last");
    }

    @Test
    void printsAProgressLineEverySecondWhileRunning() throws Exception {
        LoadSettings realTime = new LoadSettings(recorder.controlAddress(), 2, 1, Duration.ofMillis(1500), Duration.ZERO,
                List.of(Codec.PCMA), Pacing.realTime(), 0, 0, 0, 0, 0, 1, "callrec-sim-test");

        run(realTime);

        assertThat(progress.toString(StandardCharsets.UTF_8))
                .containsPattern("\\[ +\\d+\\.\\ds] active \\d+  finished \\d+  failed 0  packets/s \\d+  late \\d+");
    }

    private LoadSummary run(LoadSettings settings) throws IOException, InterruptedException {
        return new LoadRun(settings, SpeechSource.shipped(), new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(ended::add);
    }

    private static LoadSettings settings(InetSocketAddress recorder, int phones, int callsPerPhone, List<Codec> codecs,
                                         double dropTcpPercent) {
        return new LoadSettings(recorder, phones, callsPerPhone, Duration.ofMillis(500), Duration.ofMillis(200), codecs,
                new Pacing(20), 0, 0, 0, 0, dropTcpPercent, 1, "callrec-sim-test");
    }
}
