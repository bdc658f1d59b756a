package io.callrec.transcoder.audio.timeline;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import io.callrec.transcoder.audio.Fixtures;
import io.callrec.transcoder.audio.G711;
import io.callrec.transcoder.audio.G722Decoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallTimelineTest {

    private static final long SSRC_A = 0x1111_1111L;
    private static final long SSRC_B = 0xFFFF_0000L;
    private static final int PCMA = 8;
    private static final int PACKET = 160;            // 20 ms at 8 kHz

    private final Recorder pcm = new Recorder();

    @Test
    void inOrderPacketsPlayBackToBack() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        for (int seq = 1; seq <= 5; seq++) {
            timeline.add(tone(SSRC_A, seq, seq * PACKET, seq * 20, seq));
        }

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), tone(3), tone(4), tone(5));
        assertThat(figures).isEqualTo(new TimelineFigures(5, 0, 0, 0, 0, 0, 800, 100));
    }

    @Test
    void reorderedPacketLandsWhereItBelongs() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        timeline.add(tone(SSRC_A, 3, 320, 20, 3));
        timeline.add(tone(SSRC_A, 2, 160, 21, 2));
        timeline.add(tone(SSRC_A, 4, 480, 40, 4));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), tone(3), tone(4));
        assertThat(figures.packetsLate()).isEqualTo(1);
        assertThat(figures.packetsLost()).isZero();
        assertThat(figures.packetsReceived()).isEqualTo(4);
    }

    @Test
    void duplicatesAreDroppedWhetherStillHeldOrAlreadyPlayed() throws IOException {
        CallTimeline timeline = pcmaTimeline(new TimelineSettings(2, 60_000));
        int[] arrivals = {1, 2, 2, 3, 4, 5, 1};
        for (int i = 0; i < arrivals.length; i++) {
            int seq = arrivals[i];
            timeline.add(tone(SSRC_A, seq, seq * PACKET, i * 20, seq));
        }

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), tone(3), tone(4), tone(5));
        assertThat(figures.packetsDuplicate()).isEqualTo(2);
        assertThat(figures.packetsLate()).isZero();
        assertThat(figures.packetsReceived()).isEqualTo(5);
    }

    @Test
    void lostPacketBecomesSilenceOfItsLength() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        for (int seq : new int[]{1, 2, 4, 5}) {
            timeline.add(tone(SSRC_A, seq, seq * PACKET, seq * 20, seq));
        }

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), silence(PACKET), tone(4), tone(5));
        assertThat(figures.packetsLost()).isEqualTo(1);
        assertThat(figures.concealedMillis()).isEqualTo(20);
        assertThat(figures.durationMillis()).isEqualTo(100);
    }

    @Test
    void sequenceNumberWrapKeepsOrderAndCountsNoLoss() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 65534, 0, 0, 1));
        timeline.add(tone(SSRC_A, 0, 320, 20, 3));
        timeline.add(tone(SSRC_A, 65535, 160, 21, 2));
        timeline.add(tone(SSRC_A, 1, 480, 40, 4));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), tone(3), tone(4));
        assertThat(figures.packetsLost()).isZero();
        assertThat(figures.packetsLate()).isEqualTo(1);
    }

    @Test
    void timestampWrapKeepsTheTimeLine() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        long wrap = 1L << 32;
        timeline.add(tone(SSRC_A, 10, wrap - 2 * PACKET, 0, 1));
        timeline.add(tone(SSRC_A, 11, wrap - PACKET, 20, 2));
        // seq 12 at timestamp 0 is lost
        timeline.add(tone(SSRC_A, 13, PACKET, 60, 4));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), silence(PACKET), tone(4));
        assertThat(figures.concealedMillis()).isEqualTo(20);
    }

    @Test
    void packetLaterThanTheWindowIsDroppedAndCountedLateAndLost() throws IOException {
        CallTimeline timeline = pcmaTimeline(new TimelineSettings(2, 60_000));
        int[] arrivals = {1, 3, 4, 5, 2};
        for (int i = 0; i < arrivals.length; i++) {
            int seq = arrivals[i];
            timeline.add(tone(SSRC_A, seq, seq * PACKET, i * 20, seq));
        }

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), silence(PACKET), tone(3), tone(4), tone(5));
        assertThat(figures.packetsLate()).isEqualTo(1);
        assertThat(figures.packetsLost()).isEqualTo(1);
        assertThat(figures.packetsReceived()).isEqualTo(4);
    }

    @Test
    void writesAudioWhileTheCallGoesOnHoldingBackOnlyTheWindow() throws IOException {
        CallTimeline timeline = pcmaTimeline(new TimelineSettings(3, 60_000));
        for (int seq = 1; seq <= 10; seq++) {
            timeline.add(tone(SSRC_A, seq, seq * PACKET, seq * 20, seq));
        }

        assertThat(pcm.size).isEqualTo(7 * PACKET);
        timeline.finish();
        assertThat(pcm.size).isEqualTo(10 * PACKET);
    }

    @Test
    void newSsrcContinuesAfterTheArrivalGapLessTheOldStreamsLastPacket() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        timeline.add(tone(SSRC_A, 2, 160, 20, 2));
        timeline.add(tone(SSRC_A, 3, 320, 40, 3));
        // Transfer: unrelated sequence numbers and timestamps; 500 ms of silence on the wire.
        timeline.add(tone(SSRC_B, 5000, 12_345_678, 40 + 20 + 500, 4));
        timeline.add(tone(SSRC_B, 5001, 12_345_678 + PACKET, 580, 5));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), tone(3), silence(4000), tone(4), tone(5));
        assertThat(figures.concealedMillis()).isEqualTo(500);
        assertThat(figures.packetsLost()).isZero();
    }

    @Test
    void newSsrcArrivingBeforeTheOldStreamsLastPacketEndedOverlapsNothing() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        timeline.add(tone(SSRC_A, 2, 160, 20, 2));
        timeline.add(tone(SSRC_B, 9, 777, 30, 3));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), tone(3));
        assertThat(figures.concealedMillis()).isZero();
    }

    @Test
    void silenceBridgingTwoStreamsIsCapped() throws IOException {
        CallTimeline timeline = pcmaTimeline(new TimelineSettings(50, 1000));
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        timeline.add(tone(SSRC_B, 1, 0, 10 * 60_000, 2));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), silence(8000), tone(2));
        assertThat(figures.concealedMillis()).isEqualTo(1000);
    }

    @Test
    void newStreamIsDecodedWithFreshDecoderState() throws IOException {
        byte[] speech = Fixtures.bytes("speech-16k.g722");
        short[] ffmpeg = Fixtures.pcm("speech-16k-g722-ffmpeg.pcm");
        CallTimeline timeline = new CallTimeline(Codec.G722, TimelineSettings.DEFAULTS, pcm);
        for (int i = 0; i < 5; i++) {
            timeline.add(frame(SSRC_A, i, i * PACKET, i * 20, 9, Arrays.copyOfRange(speech, i * PACKET, (i + 1) * PACKET)));
        }
        // The new stream starts the same speech again: it must decode as from a fresh decoder.
        timeline.add(frame(SSRC_B, 300, 4242, 100, 9, Arrays.copyOf(speech, PACKET)));

        timeline.finish();

        assertThat(pcm.samples()).hasSize(12 * PACKET);
        assertThat(Arrays.copyOfRange(pcm.samples(), 10 * PACKET, 12 * PACKET))
                .containsExactly(Arrays.copyOf(ffmpeg, 2 * PACKET));
    }

    @Test
    void timestampJumpBecomesSilenceUpToTheCap() throws IOException {
        CallTimeline timeline = pcmaTimeline(new TimelineSettings(50, 3000));
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        // Silence suppression: 2 s without packets, sequence numbers continue.
        timeline.add(tone(SSRC_A, 2, PACKET + 16_000, 2020, 2));
        // Hold: 5 s, longer than the 3 s cap.
        timeline.add(tone(SSRC_A, 3, 2 * PACKET + 16_000 + 40_000, 7040, 3));
        timeline.add(tone(SSRC_A, 4, 3 * PACKET + 16_000 + 40_000, 7060, 4));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), silence(16_000), tone(2), silence(24_000), tone(3), tone(4));
        assertThat(figures.concealedMillis()).isEqualTo(5000);
        assertThat(figures.packetsLost()).isZero();
    }

    @Test
    void aTimestampJumpAddsAtMostTheTimeThePacketsTookToArrive() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        // 50 s ahead by its timestamp, but it arrived 20 ms after the first packet.
        timeline.add(tone(SSRC_A, 2, PACKET + 400_000, 20, 2));

        TimelineFigures figures = timeline.finish();

        // Within a second of jitter allowance of the 20 ms wall-clock gap, not 50 s.
        assertThat(figures.concealedMillis()).isLessThanOrEqualTo(1000);
        assertThat(figures.durationMillis()).isLessThanOrEqualTo(1040);
    }

    @Test
    void totalSilenceStopsAtTheLimitWhateverTheArrivalTimes() throws IOException {
        CallTimeline timeline = pcmaTimeline(new TimelineSettings(50, 60_000, 3000));
        for (int i = 0; i < 5; i++) {
            // Each packet 2 s (16000 ticks) after the one before, by timestamp and by arrival.
            timeline.add(tone(SSRC_A, i + 1, i * (PACKET + 16_000L), i * 2020L, i + 1));
        }

        TimelineFigures figures = timeline.finish();

        assertThat(figures.concealedMillis()).isEqualTo(3000);
        assertThat(pcm.runs()).containsExactly(tone(1), silence(16_000), tone(2), silence(8000), tone(3), tone(4),
                tone(5));
    }

    @Test
    void packetStartingBeforeTheCursorContinuesAtIt() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 10_000, 0, 1));
        timeline.add(tone(SSRC_A, 2, 10_000 + PACKET / 2, 20, 2));   // overlaps half of packet 1
        timeline.add(tone(SSRC_A, 3, 500, 40, 3));                    // timestamp goes back

        timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), tone(3));
    }

    @Test
    void telephoneEventsTakeSequenceNumbersButAreNotDecoded() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        byte[] digitFive = {5, 0x0A, 0, (byte) 160};
        for (int seq = 2; seq <= 4; seq++) {
            timeline.add(frame(SSRC_A, seq, PACKET, seq * 20, 101, digitFive));   // RFC 4733: one timestamp per event
        }
        timeline.add(frame(SSRC_A, 5, 4 * PACKET, 100, 96, digitFive));
        timeline.add(tone(SSRC_A, 6, 5 * PACKET, 120, 6));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), silence(4 * PACKET), tone(6));
        assertThat(figures.packetsLost()).isZero();
        assertThat(figures.packetsIgnored()).isZero();
        assertThat(figures.packetsReceived()).isEqualTo(6);
    }

    @Test
    void comfortNoiseBecomesSilenceUntilTheNextAudio() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        timeline.add(frame(SSRC_A, 2, PACKET, 20, 13, new byte[]{0x40}));
        timeline.add(tone(SSRC_A, 3, PACKET + 8000, 1020, 3));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), silence(8000), tone(3));
        assertThat(figures.packetsIgnored()).isZero();
        assertThat(figures.concealedMillis()).isEqualTo(1000);
    }

    @Test
    void otherPayloadTypesAreIgnoredAndCounted() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        timeline.add(frame(SSRC_A, 2, PACKET, 20, 0, filled(PACKET, (byte) 0x55)));   // PCMU in a PCMA call
        timeline.add(frame(SSRC_A, 3, 2 * PACKET, 40, 18, new byte[20]));              // G.729
        timeline.add(tone(SSRC_A, 4, 3 * PACKET, 60, 4));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), silence(2 * PACKET), tone(4));
        assertThat(figures.packetsIgnored()).isEqualTo(2);
        assertThat(figures.packetsReceived()).isEqualTo(4);
        assertThat(figures.packetsLost()).isZero();
    }

    @Test
    void g722TimestampUnitIsTwoSamples() throws IOException {
        byte[] speech = Fixtures.bytes("speech-16k.g722");
        CallTimeline timeline = new CallTimeline(Codec.G722, TimelineSettings.DEFAULTS, pcm);
        for (int seq : new int[]{0, 1, 3}) {   // 20 ms packets: 160 bytes, 160 timestamp units, 320 samples
            timeline.add(frame(SSRC_A, seq, seq * PACKET, seq * 20, 9,
                    Arrays.copyOfRange(speech, seq * PACKET, (seq + 1) * PACKET)));
        }

        TimelineFigures figures = timeline.finish();

        short[] expected = new short[8 * PACKET];
        G722Decoder decoder = new G722Decoder();
        decoder.decode(speech, 0, 2 * PACKET, expected, 0);
        decoder.decode(speech, 3 * PACKET, PACKET, expected, 6 * PACKET);
        assertThat(pcm.samples()).containsExactly(expected);
        assertThat(figures.samplesWritten()).isEqualTo(8 * PACKET);
        assertThat(figures.durationMillis()).isEqualTo(80);
        assertThat(figures.concealedMillis()).isEqualTo(20);
    }

    @Test
    void sequenceRestartInTheSameStreamIsBridgedByArrivalTime() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        timeline.add(tone(SSRC_A, 2, 160, 20, 2));
        // Same SSRC, new sequence and timestamp bases (a re-INVITE on some phones), 100 ms later.
        timeline.add(tone(SSRC_A, 40_000, 3_000_000_000L, 140, 3));
        timeline.add(tone(SSRC_A, 40_001, 3_000_000_000L + PACKET, 160, 4));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), silence(800), tone(3), tone(4));
        assertThat(figures.packetsLost()).isZero();
        assertThat(figures.packetsIgnored()).isZero();
    }

    @Test
    void lonePacketJumpingAwayFromItsStreamIsIgnored() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        timeline.add(tone(SSRC_A, 2, 160, 20, 2));
        timeline.add(tone(SSRC_A, 30_000, 99_999, 30, 9));
        timeline.add(tone(SSRC_A, 3, 320, 40, 3));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), tone(2), tone(3));
        assertThat(figures.packetsIgnored()).isEqualTo(1);
        assertThat(figures.packetsReceived()).isEqualTo(3);
    }

    @Test
    void stragglerOfAnEndedStreamIsDroppedAsLate() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.add(tone(SSRC_A, 1, 0, 0, 1));
        timeline.add(tone(SSRC_A, 3, 320, 40, 3));
        timeline.add(tone(SSRC_B, 700, 5555, 60, 4));
        timeline.add(tone(SSRC_A, 2, 160, 70, 2));
        timeline.add(tone(SSRC_B, 701, 5555 + PACKET, 80, 5));

        TimelineFigures figures = timeline.finish();

        assertThat(pcm.runs()).containsExactly(tone(1), silence(PACKET), tone(3), tone(4), tone(5));
        assertThat(figures.packetsLate()).isEqualTo(1);
        assertThat(figures.packetsLost()).isEqualTo(1);
    }

    @Test
    void sameFramesGiveTheSamePcm() throws IOException {
        byte[] speech = Fixtures.bytes("speech-16k.g722");
        List<RtpFrame> frames = new ArrayList<>();
        int[] order = {0, 2, 1, 3, 3, 5, 6, 4, 8, 9, 40, 11, 12, 13};
        for (int i = 0; i < order.length; i++) {
            int seq = order[i];
            long ssrc = seq < 10 ? SSRC_A : SSRC_B;
            frames.add(frame(ssrc, seq, seq * PACKET, i * 20, 9,
                    Arrays.copyOfRange(speech, seq * PACKET, (seq + 1) * PACKET)));
        }

        Recorder first = new Recorder();
        Recorder second = new Recorder();
        TimelineFigures firstFigures = play(frames, first);
        TimelineFigures secondFigures = play(frames, second);

        assertThat(first.samples()).isNotEmpty().containsExactly(second.samples());
        assertThat(firstFigures).isEqualTo(secondFigures);
    }

    @Test
    void emptyCallWritesNothing() throws IOException {
        TimelineFigures figures = pcmaTimeline(TimelineSettings.DEFAULTS).finish();

        assertThat(figures).isEqualTo(new TimelineFigures(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(pcm.size).isZero();
    }

    @Test
    void refusesPacketsAfterFinish() throws IOException {
        CallTimeline timeline = pcmaTimeline(TimelineSettings.DEFAULTS);
        timeline.finish();

        assertThatThrownBy(() -> timeline.add(tone(SSRC_A, 1, 0, 0, 1))).isInstanceOf(IllegalStateException.class);
    }

    private CallTimeline pcmaTimeline(TimelineSettings settings) {
        return new CallTimeline(Codec.PCMA, settings, pcm);
    }

    private static TimelineFigures play(List<RtpFrame> frames, PcmSink sink) throws IOException {
        CallTimeline timeline = new CallTimeline(Codec.G722, new TimelineSettings(3, 60_000), sink);
        for (RtpFrame frame : frames) {
            timeline.add(frame);
        }
        return timeline.finish();
    }

    /** A 20 ms A-law packet whose every sample decodes to the value of tone {@code tone} (1..127). */
    private static RtpFrame tone(long ssrc, int seq, long timestamp, long arrivalMillis, int tone) {
        return frame(ssrc, seq, timestamp, arrivalMillis, PCMA, filled(PACKET, toneCode(tone)));
    }

    private static RtpFrame frame(long ssrc, int seq, long timestamp, long arrivalMillis, int payloadType, byte[] payload) {
        return new RtpFrame(seq, timestamp, payloadType, false, ssrc, 1_700_000_000_000_000L + arrivalMillis * 1000,
                payload);
    }

    /** Positive A-law code words: each decodes to a distinct value, never 0. */
    private static byte toneCode(int tone) {
        return (byte) (0x80 | tone);
    }

    private static Run tone(int tone) {
        short[] value = new short[1];
        G711.A_LAW.decode(new byte[]{toneCode(tone)}, 0, 1, value, 0);
        return new Run(value[0], PACKET);
    }

    private static Run silence(int samples) {
        return new Run((short) 0, samples);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    /** A stretch of equal samples. */
    private record Run(short value, int length) {
    }

    /** Keeps everything written to it. */
    private static final class Recorder implements PcmSink {
        private short[] data = new short[4096];
        private int size;

        @Override
        public void write(short[] samples, int offset, int length) {
            if (size + length > data.length) {
                data = Arrays.copyOf(data, Math.max(2 * data.length, size + length));
            }
            System.arraycopy(samples, offset, data, size, length);
            size += length;
        }

        short[] samples() {
            return Arrays.copyOf(data, size);
        }

        List<Run> runs() {
            List<Run> runs = new ArrayList<>();
            for (int start = 0; start < size; ) {
                int end = start;
                while (end < size && data[end] == data[start]) {
                    end++;
                }
                runs.add(new Run(data[start], end - start));
                start = end;
            }
            return runs;
        }
    }
}
