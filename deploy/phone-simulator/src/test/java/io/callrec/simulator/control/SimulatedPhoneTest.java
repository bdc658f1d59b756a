package io.callrec.simulator.control;

import io.callrec.contracts.Codec;
import io.callrec.simulator.FakeRecorder;
import io.callrec.simulator.TestPlans;
import io.callrec.contracts.CallDirection;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SimulatedPhoneTest {
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
    void startAndStopSendTheProtocolLinesAndReadTheAnswers() throws IOException {
        CallPlan plan = TestPlans.plan(Codec.G722, 1000);
        try (SimulatedPhone phone = SimulatedPhone.connect(recorder.controlAddress())) {
            StartAnswer answer = phone.start(plan);
            phone.sendStop(plan);
            phone.awaitStopAnswer(plan);

            assertThat(answer.accepted()).isTrue();
            assertThat(answer.rtpTarget().getAddress().isLoopbackAddress()).isTrue();
            assertThat(answer.port()).isPositive();
        }
        assertThat(recorder.lines()).containsExactly(
                "cmd=RecordStartRequest&id=a1b2c3d4&device=0c:38:3e:00:00:01&remote_number=%2B81355501234"
                        + "&remote_name=Bob&local_number=2001&local_name=Alice&dir=out&codec=G722",
                "cmd=RecordStopRequest&id=a1b2c3d4&remote_number=%2B81355501234&remote_name=Bob"
                        + "&local_number=2001&local_name=Alice&reason=normal");
        assertThat(recorder.endings()).containsEntry("a1b2c3d4", "normal");
    }

    @Test
    void refusedStartReportsTheRecordersReason() throws IOException {
        recorder.refuseStarts("no-capacity");
        try (SimulatedPhone phone = SimulatedPhone.connect(recorder.controlAddress())) {
            StartAnswer answer = phone.start(TestPlans.plan(Codec.PCMA, 1000));

            assertThat(answer.accepted()).isFalse();
            assertThat(answer.reason()).isEqualTo("no-capacity");
        }
    }

    @Test
    void japaneseNamesGoOnTheWirePercentEncodedAsUtf8() throws IOException {
        CallPlan plan = new CallPlan("77", "0c:38:3e:00:00:02", Codec.PCMU, CallDirection.IN,
                new CallParties("2002", "山田 太郎", "0355501234", "佐藤&花子"), 1000, Impairments.NONE, 1);
        try (SimulatedPhone phone = SimulatedPhone.connect(recorder.controlAddress())) {
            phone.start(plan);
        }
        String start = recorder.lines().get(0);
        assertThat(start)
                .contains("&local_name=%E5%B1%B1%E7%94%B0%20%E5%A4%AA%E9%83%8E&")
                .contains("&remote_name=%E4%BD%90%E8%97%A4%26%E8%8A%B1%E5%AD%90&")
                .contains("&dir=in&codec=PCMU");
        assertThat(start.chars()).allMatch(c -> c > ' ' && c < 0x7F);
    }

    @Test
    void droppingTheConnectionSendsNoStop() throws IOException {
        CallPlan plan = TestPlans.plan(Codec.PCMA, 1000);
        SimulatedPhone phone = SimulatedPhone.connect(recorder.controlAddress());
        phone.start(plan);

        phone.dropConnection();

        assertThat(phone.isOpen()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.endings().containsKey("a1b2c3d4"));
        assertThat(recorder.endings()).containsEntry("a1b2c3d4", "socket-error");
        assertThat(recorder.linesStartingWith("cmd=RecordStopRequest")).isEmpty();
    }

    @Test
    void answerForAnotherSessionIsAProtocolError() throws IOException {
        try (OneAnswerRecorder wrong = new OneAnswerRecorder("cmd=RecordStartResponse&id=other&result=success&server=127.0.0.1&port=4000\n");
             SimulatedPhone phone = SimulatedPhone.connect(wrong.address())) {
            assertThatThrownBy(() -> phone.start(TestPlans.plan(Codec.PCMA, 1000)))
                    .isInstanceOf(ControlException.class)
                    .hasMessageContaining("expected RecordStartResponse for id a1b2c3d4");
        }
    }

    @Test
    void refusedStopIsReportedWithItsReason() throws IOException {
        CallPlan plan = TestPlans.plan(Codec.PCMA, 1000);
        try (OneAnswerRecorder refusing = new OneAnswerRecorder("cmd=RecordStopResponse&id=a1b2c3d4&result=failed&reason=busy\r\n");
             SimulatedPhone phone = SimulatedPhone.connect(refusing.address())) {
            phone.sendStop(plan);

            assertThatThrownBy(() -> phone.awaitStopAnswer(plan))
                    .isInstanceOf(ControlException.class)
                    .hasMessage("stop refused: busy");
        }
    }

    /** Answers the first line of its one connection with a fixed answer. */
    private static final class OneAnswerRecorder implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());

        OneAnswerRecorder(String answer) throws IOException {
            Thread thread = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    while (socket.getInputStream().read() != '\n') {
                        // Skip the request.
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(answer.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    socket.getInputStream().read();
                } catch (IOException e) {
                    // The test has ended.
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
