package io.callrec.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
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
    void exitsZeroAndSummarisesWhenEveryCallSucceeds() throws InterruptedException {
        int status = run("--control", control(), "--phones", "3", "--duration", "400ms", "--accelerate", "20",
                "--loss", "5", "--seed", "1");

        assertThat(status).isEqualTo(SimulatorMain.ALL_GOOD);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("3 phones x 1 calls of 400 ms (PCMA,PCMU,G722)")
                .contains("calls:   3 started, 3 succeeded, 0 failed");
        assertThat(recorder.linesStartingWith("cmd=RecordStopRequest")).hasSize(3);
    }

    @Test
    void exitsOneWhenACallFails() throws InterruptedException {
        recorder.refuseStarts("no-capacity");

        int status = run("--control", control(), "--duration", "400ms");

        assertThat(status).isEqualTo(SimulatorMain.SOMETHING_FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 x start refused: no-capacity");
    }

    @Test
    void exitsTwoWithTheReasonForABadFlag() throws InterruptedException {
        int status = run("--phones", "-1");

        assertThat(status).isEqualTo(SimulatorMain.BAD_COMMAND_LINE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("phone-simulator: --phones '-1': expected a whole number from 1 to 1000000")
                .contains("--help");
        assertThat(recorder.connections()).isZero();
    }

    @Test
    void printsUsageForHelp() throws InterruptedException {
        assertThat(run("--help")).isEqualTo(SimulatorMain.ALL_GOOD);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: simulate.sh").contains("--drop-tcp PCT");
    }

    private String control() {
        return "127.0.0.1:" + recorder.controlAddress().getPort();
    }

    private int run(String... args) throws InterruptedException {
        return SimulatorMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }
}
