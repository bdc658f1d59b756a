package io.callrec.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestLimitsTest {
    @Test
    void aDrainGraceNotShorterThanTheLongestDrainIsRefusedNamingBothSettings() {
        long twoSeconds = Duration.ofSeconds(2).toNanos();
        assertThatThrownBy(() -> new IngestLimits(50, 1, 1, 1, twoSeconds, twoSeconds, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("callrec.ingest.drain-grace (PT2S) must be shorter than callrec.ingest.drain-max (PT2S)");
    }
}
