package io.callrec.simulator.catalog;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyStatsTest {

    @Test
    void takesNearestRankPercentilesInMilliseconds() {
        long[] latencies = LongStream.rangeClosed(1, 100).map(TimeUnit.MILLISECONDS::toNanos).toArray();

        LatencyStats stats = LatencyStats.of(latencies);

        assertThat(stats).isEqualTo(new LatencyStats(100, 50, 95, 100));
    }

    @Test
    void doesNotDependOnOrder() {
        long[] latencies = {TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MILLISECONDS.toNanos(200)};

        assertThat(LatencyStats.of(latencies)).isEqualTo(new LatencyStats(3, 200, 300, 300));
    }

    @Test
    void isAllZeroWithoutRecordings() {
        assertThat(LatencyStats.of(new long[0])).isEqualTo(new LatencyStats(0, 0, 0, 0));
    }
}
