package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {
    private static final Path ROOT = Path.of("/callrec");

    @Test
    void oneProcessOfEachServiceByDefault() {
        LauncherOptions options = LauncherOptions.parse(ROOT, List.of());
        assertThat(options.ingests()).isOne();
        assertThat(options.transcoders()).isOne();
        assertThat(options.udpSlice(1)).containsExactly(20000, 24999);
    }

    @Test
    void ingestsSplitTheUdpRangeEvenlyWithinIt() {
        LauncherOptions options = LauncherOptions.parse(ROOT,
                List.of("--udp-range", "40000-40009", "--ingests", "3", "--transcoders", "2"));
        assertThat(options.transcoders()).isEqualTo(2);
        assertThat(options.udpSlice(1)).containsExactly(40000, 40002);
        assertThat(options.udpSlice(2)).containsExactly(40003, 40005);
        assertThat(options.udpSlice(3)).containsExactly(40006, 40009);
    }

    @Test
    void refusesMoreIngestsThanUdpPortsAndNoProcessAtAll() {
        assertThatThrownBy(() -> LauncherOptions.parse(ROOT, List.of("--ingests", "3", "--udp-range", "40000-40001")))
                .hasMessageContaining("fewer ports than --ingests 3");
        assertThatThrownBy(() -> LauncherOptions.parse(ROOT, List.of("--transcoders", "0")))
                .hasMessageContaining("--transcoders wants a number of processes");
    }
}
