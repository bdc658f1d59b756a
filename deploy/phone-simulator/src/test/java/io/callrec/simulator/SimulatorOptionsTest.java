package io.callrec.simulator;

import io.callrec.contracts.Codec;
import io.callrec.simulator.load.LoadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorOptionsTest {

    @Test
    void defaultsToOneTenSecondCallPerCodecMixAgainstTheLocalGateway() throws UsageException {
        LoadSettings load = parse().load();

        assertThat(load.recorder().getPort()).isEqualTo(7100);
        assertThat(load.recorder().getAddress().isLoopbackAddress()).isTrue();
        assertThat(load.phones()).isEqualTo(1);
        assertThat(load.callLength()).isEqualTo(Duration.ofSeconds(10));
        assertThat(load.codecs()).containsExactly(Codec.PCMA, Codec.PCMU, Codec.G722);
        assertThat(load.pacing().accelerate()).isEqualTo(1.0);
        assertThat(load.runTag()).matches("callrec-sim-[0-9a-f]{8}");
    }

    @Test
    void readsEveryFlagInBothSpellings() throws UsageException {
        SimulatorOptions options = parse("--control", "127.0.0.1:7200", "--phones=2000", "--calls-per-phone", "3",
                "--duration", "30s", "--ramp-up=1.5m", "--codecs", "g722,PCMA", "--accelerate", "4", "--loss", "1.5",
                "--reorder", "2", "--duplicate", "0.5", "--ssrc-change", "10", "--drop-tcp", "20", "--seed", "-7",
                "--catalog", "http://127.0.0.1:8080", "--user", "admin", "--password", "secret",
                "--verify-timeout", "500ms");
        LoadSettings load = options.load();

        assertThat(load.recorder().getPort()).isEqualTo(7200);
        assertThat(load.phones()).isEqualTo(2000);
        assertThat(load.callsPerPhone()).isEqualTo(3);
        assertThat(load.callLength()).isEqualTo(Duration.ofSeconds(30));
        assertThat(load.rampUp()).isEqualTo(Duration.ofSeconds(90));
        assertThat(load.codecs()).containsExactly(Codec.G722, Codec.PCMA);
        assertThat(load.pacing().accelerate()).isEqualTo(4.0);
        assertThat(List.of(load.lossPercent(), load.reorderPercent(), load.duplicatePercent(), load.ssrcChangePercent(),
                load.dropTcpPercent())).containsExactly(1.5, 2.0, 0.5, 10.0, 20.0);
        assertThat(load.seed()).isEqualTo(-7);
        assertThat(options.verification()).hasValue(new SimulatorOptions.Verification(
                URI.create("http://127.0.0.1:8080"), Optional.of("admin"), "secret", Duration.ofMillis(500)));
    }

    @Test
    void takesTheCatalogPasswordFromTheEnvironment() throws UsageException {
        SimulatorOptions options = SimulatorOptions.parse(
                List.of("--catalog", "http://localhost:8080", "--user", "admin"),
                Map.of(SimulatorOptions.PASSWORD_VARIABLE, "from-env"));

        assertThat(options.verification().orElseThrow().password()).isEqualTo("from-env");
    }

    @Test
    void helpNeedsNothingElse() throws UsageException {
        assertThat(parse("--help").help()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--phonez 3                  | unknown flag --phonez (see --help)",
            "--phones 0                  | --phones '0': expected a whole number from 1 to 1000000",
            "--phones many               | --phones 'many': expected a whole number from 1 to 1000000",
            "--duration 30               | --duration '30': expected a time with a unit, e.g. 500ms, 30s, 2m, 1h",
            "--duration 10ms             | --duration must be at least 20ms (one packet)",
            "--codecs PCMA,OPUS          | --codecs 'PCMA,OPUS': unknown codec 'OPUS', expected PCMA, PCMU or G722",
            "--accelerate 0              | --accelerate '0': expected a factor above 0 and at most 100",
            "--loss 101                  | --loss '101': expected a percentage from 0 to 100",
            "--control localhost         | --control 'localhost': expected HOST:PORT, e.g. 127.0.0.1:7100",
            "--catalog ftp://x           | --catalog 'ftp://x': expected an http(s) URL, e.g. http://127.0.0.1:8080",
            "--user admin                | --user, --password and --verify-timeout need --catalog",
            "--catalog http://x:1 --user admin | --user needs --password or CALLREC_PASSWORD",
            "--phones 1 --phones 2       | --phones is given more than once",
            "--phones                    | --phones needs a value",
            "--help=yes                  | --help takes no value",
            "phones                      | unexpected argument 'phones'",
    })
    void refusesABadCommandLineSayingWhatIsWrong(String commandLine, String message) {
        assertThatThrownBy(() -> parse(commandLine.trim().split(" +"))).isInstanceOf(UsageException.class).hasMessage(message);
    }

    private static SimulatorOptions parse(String... args) throws UsageException {
        return SimulatorOptions.parse(Arrays.asList(args), Map.of());
    }
}
