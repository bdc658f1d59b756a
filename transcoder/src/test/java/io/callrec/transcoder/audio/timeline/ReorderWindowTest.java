package io.callrec.transcoder.audio.timeline;

import io.callrec.contracts.RtpFrame;
import io.callrec.transcoder.audio.timeline.ReorderWindow.Admission;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReorderWindowTest {

    @Test
    void inOrderPacketsComeOutInOrder() {
        ReorderWindow window = new ReorderWindow(3);

        List<Long> released = offerAll(window, 1, 2, 3, 4, 5, 6);

        assertThat(released).containsExactly(1L, 2L, 3L);
        assertThat(releaseAll(window)).containsExactly(4L, 5L, 6L);
        assertThat(window.lost()).isZero();
    }

    @Test
    void reorderedPacketsAreSortedAcrossTheRingsWrap() {
        ReorderWindow window = new ReorderWindow(4);

        List<Long> released = offerAll(window, 1, 2, 3, 6, 5, 4, 9, 7, 8, 10, 13, 12, 11);
        released.addAll(releaseAll(window));

        assertThat(released).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(window.lost()).isZero();
    }

    @Test
    void aCopyIsADuplicateWhetherStillHeldOrAlreadyReleased() {
        ReorderWindow window = new ReorderWindow(2);
        offerAll(window, 1, 2, 3, 4);

        assertThat(window.offer(4, frame(4))).isEqualTo(Admission.DUPLICATE);
        assertThat(window.offer(3, frame(3))).isEqualTo(Admission.DUPLICATE);
        assertThat(window.offer(1, frame(1))).isEqualTo(Admission.DUPLICATE);
        assertThat(releaseAll(window)).containsExactly(3L, 4L);
    }

    @Test
    void aPacketBehindTheReleasedOnesThatWasNeverReleasedIsTooLate() {
        ReorderWindow window = new ReorderWindow(1);
        offerAll(window, 1, 3, 4);

        assertThat(window.offer(2, frame(2))).isEqualTo(Admission.TOO_LATE);
        assertThat(window.lost()).isEqualTo(1);
    }

    @Test
    void aPacketFurtherBackThanTheMemoryOfReleasedNumbersIsTooLate() {
        ReorderWindow window = new ReorderWindow(0);
        offerAll(window, 1, 5000);

        assertThat(window.offer(1, frame(1))).isEqualTo(Admission.TOO_LATE);
    }

    @Test
    void skippedSequenceNumbersAreCountedLostWhenTheNextIsReleased() {
        ReorderWindow window = new ReorderWindow(2);
        offerAll(window, 10, 11, 14, 15, 20);

        assertThat(window.lost()).isEqualTo(2);
        releaseAll(window);
        assertThat(window.lost()).isEqualTo(6);
    }

    @Test
    void restartForgetsTheReleasedNumbersButKeepsCountingLoss() {
        ReorderWindow window = new ReorderWindow(1);
        offerAll(window, 100, 102);
        releaseAll(window);

        window.restart();

        assertThat(window.offer(1, frame(1))).isEqualTo(Admission.HELD);
        assertThat(window.offer(3, frame(3))).isEqualTo(Admission.HELD);
        assertThat(releaseAll(window)).containsExactly(1L, 3L);
        assertThat(window.lost()).isEqualTo(2);
    }

    @Test
    void restartWhileHoldingPacketsIsRefused() {
        ReorderWindow window = new ReorderWindow(2);
        window.offer(1, frame(1));

        assertThatThrownBy(window::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void holdsOneOverItsCapacityUntilTheLowestIsReleased() {
        ReorderWindow window = new ReorderWindow(2);
        window.offer(1, frame(1));
        window.offer(2, frame(2));
        assertThat(window.overCapacity()).isFalse();

        window.offer(3, frame(3));

        assertThat(window.overCapacity()).isTrue();
        assertThatThrownBy(() -> window.offer(4, frame(4))).isInstanceOf(IllegalStateException.class);
        assertThat(window.releaseLowest().sequence()).isEqualTo(1);
        assertThat(window.overCapacity()).isFalse();
    }

    /** Offers each number as a caller does, releasing while over capacity; returns the released numbers. */
    private static List<Long> offerAll(ReorderWindow window, long... sequences) {
        List<Long> released = new ArrayList<>();
        for (long sequence : sequences) {
            assertThat(window.offer(sequence, frame(sequence))).isEqualTo(Admission.HELD);
            while (window.overCapacity()) {
                released.add((long) window.releaseLowest().sequence());
            }
        }
        return released;
    }

    private static List<Long> releaseAll(ReorderWindow window) {
        List<Long> released = new ArrayList<>();
        while (!window.isEmpty()) {
            released.add((long) window.releaseLowest().sequence());
        }
        return released;
    }

    /** A frame carrying its extended sequence number in its 16-bit field (the tests stay below 2^16). */
    private static RtpFrame frame(long sequence) {
        return new RtpFrame((int) sequence, sequence * 160, 8, false, 1, sequence * 20_000, new byte[0]);
    }
}
