package io.callrec.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EphemeralPortCheckTest {
    private static final String LINUX_DEFAULT = "32768\t60999\n";

    @Test
    void aRangeBelowTheEphemeralOnesIsFine() {
        assertThat(EphemeralPortCheck.problem(20000, 24999, LINUX_DEFAULT, "\n")).isEmpty();
    }

    @Test
    void aRangeInsideTheEphemeralOnesIsNamedWithTheSysctlThatReservesIt() {
        assertThat(EphemeralPortCheck.problem(40000, 44999, LINUX_DEFAULT, "\n")).hasValueSatisfying(warning ->
                assertThat(warning).contains("40000-44999", "32768-60999", "5000 of its ports not reserved",
                        "net.ipv4.ip_local_reserved_ports=40000-44999"));
    }

    @Test
    void onlyThePortsInBothRangesAndNotReservedCount() {
        assertThat(EphemeralPortCheck.problem(30000, 32777, LINUX_DEFAULT, "")).hasValueSatisfying(warning ->
                assertThat(warning).contains("(10 of its ports"));
        assertThat(EphemeralPortCheck.problem(40000, 44999, LINUX_DEFAULT, "5060,40000-42999,43000-44999\n"))
                .isEmpty();
        assertThat(EphemeralPortCheck.problem(40000, 44999, LINUX_DEFAULT, "40000-44998\n")).hasValueSatisfying(
                warning -> assertThat(warning).contains("(1 of its ports"));
    }

    @Test
    void whatTheKernelSaysInAnUnknownShapeIsRefused() {
        assertThatThrownBy(() -> EphemeralPortCheck.problem(40000, 44999, "32768", ""))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> EphemeralPortCheck.problem(40000, 44999, LINUX_DEFAULT, "forty"))
                .isInstanceOf(NumberFormatException.class);
    }
}
