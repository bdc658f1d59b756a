package io.callrec.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortPoolTest {

    @Test
    void handsOutEveryPortOnceInNoPredictableOrder() {
        PortPool pool = new PortPool(40000, 40999);
        List<Integer> taken = new ArrayList<>();
        for (OptionalInt port = pool.take(); port.isPresent(); port = pool.take()) {
            taken.add(port.getAsInt());
        }

        assertThat(taken).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(40000, 40999).boxed().toList());
        long ascendingSteps = IntStream.range(1, taken.size()).filter(i -> taken.get(i) == taken.get(i - 1) + 1)
                .count();
        assertThat(ascendingSteps).as("next port = previous + 1 (FIFO would give 999)").isLessThan(20);
        assertThat(pool.free()).isZero();
    }

    @Test
    void theNextPortCannotBeToldFromTheLastOnes() {
        Set<Integer> firsts = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            firsts.add(new PortPool(40000, 44999).take().getAsInt());
        }
        assertThat(firsts).as("the first port of 50 fresh pools").hasSizeGreaterThan(40);
    }

    @Test
    void aRecoveredRecordingTakesItsOwnPortBack() {
        PortPool pool = new PortPool(40000, 40009);

        assertThat(pool.take(40007)).isTrue();
        assertThat(pool.take(40007)).as("no longer free").isFalse();
        assertThat(pool.take(39999)).as("outside the range").isFalse();
        for (int i = 0; i < 9; i++) {
            assertThat(pool.take().getAsInt()).isNotEqualTo(40007);
        }
        assertThat(pool.take()).isEmpty();

        pool.release(40007);
        pool.release(40007);
        assertThat(pool.free()).isEqualTo(1);
        assertThat(pool.take().getAsInt()).isEqualTo(40007);
    }
}
