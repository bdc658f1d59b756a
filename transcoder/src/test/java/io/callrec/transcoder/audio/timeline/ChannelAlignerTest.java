package io.callrec.transcoder.audio.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import io.callrec.transcoder.audio.Fixtures;
import io.callrec.transcoder.audio.timeline.ChannelAligner.AlignedWav;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelAlignerTest {
    private static final long T0 = 1_763_900_000_000_000L;
    private static final int PACKET = 160;

    @TempDir
    Path spool;

    @Test
    void eachChannelIsSampleForSampleTheAudioItsStreamCarried() throws IOException {
        Path wavFile = spool.resolve("r.wav");
        ChannelAligner aligner = opened(wavFile, Codec.PCMA, Codec.PCMU);
        List<RtpFrame> left = frames("speech-8k.alaw", Codec.PCMA, 0x1111, T0);
        List<RtpFrame> right = frames("speech-8k.ulaw", Codec.PCMU, 0x2222, T0);
        for (int i = 0; i < left.size(); i++) { // interleaved in arrival order, as two streams arrive
            aligner.add(0, left.get(i));
            aligner.add(1, right.get(i));
        }

        AlignedWav wav = aligner.finish();

        assertThat(wav.sampleRate()).isEqualTo(8000);
        assertThat(wav.channels()).isEqualTo(2);
        assertThat(wav.codecs()).isEqualTo("PCMA+PCMU");
        assertThat(wav.figures().packetsReceived()).isEqualTo(2L * left.size());
        assertThat(wav.figures().durationMillis()).isEqualTo(4000);
        assertThat(channel(wavFile, 0)).containsExactly(Fixtures.pcm("speech-8k-alaw-sox.pcm"));
        assertThat(channel(wavFile, 1)).containsExactly(Fixtures.pcm("speech-8k-ulaw-sox.pcm"));
        assertThat(Files.list(spool)).containsExactly(wavFile); // the side files are gone
    }

    @Test
    void aChannelWhoseFirstFrameArrivedLaterStartsWithThatMuchSilenceWhateverOrderTheChannelsCameIn() throws IOException {
        Path wavFile = spool.resolve("r.wav");
        ChannelAligner aligner = new ChannelAligner(wavFile, 2, TimelineSettings.DEFAULTS);
        // Channel 1 is read first (another rtp-ingest batched it sooner) although its first frame arrived 500 ms later.
        aligner.open(1, Codec.PCMU);
        for (RtpFrame frame : frames("speech-8k.ulaw", Codec.PCMU, 0x2222, T0 + 500_000)) {
            aligner.add(1, frame);
        }
        aligner.open(0, Codec.PCMA);
        for (RtpFrame frame : frames("speech-8k.alaw", Codec.PCMA, 0x1111, T0)) {
            aligner.add(0, frame);
        }

        AlignedWav wav = aligner.finish();

        short[] ulaw = Fixtures.pcm("speech-8k-ulaw-sox.pcm");
        short[] expectedRight = new short[4000 + ulaw.length];
        System.arraycopy(ulaw, 0, expectedRight, 4000, ulaw.length);
        short[] expectedLeft = Arrays.copyOf(Fixtures.pcm("speech-8k-alaw-sox.pcm"), expectedRight.length);
        assertThat(channel(wavFile, 1)).containsExactly(expectedRight);
        assertThat(channel(wavFile, 0)).containsExactly(expectedLeft);
        assertThat(wav.figures().durationMillis()).isEqualTo(4500);
    }

    @Test
    void aGapOnOneChannelIsSilenceOnThatChannelOnly() throws IOException {
        Path wavFile = spool.resolve("r.wav");
        ChannelAligner aligner = opened(wavFile, Codec.PCMA, Codec.PCMA);
        List<RtpFrame> left = frames("speech-8k.alaw", Codec.PCMA, 0x1111, T0);
        List<RtpFrame> right = frames("speech-8k.alaw", Codec.PCMA, 0x2222, T0);
        Set<Integer> lost = Set.of(40, 41, 42, 43, 44);
        for (int i = 0; i < left.size(); i++) {
            if (!lost.contains(i)) {
                aligner.add(0, left.get(i));
            }
            aligner.add(1, right.get(i));
        }

        aligner.finish();

        short[] speech = Fixtures.pcm("speech-8k-alaw-sox.pcm");
        short[] withGap = speech.clone();
        Arrays.fill(withGap, 40 * PACKET, 45 * PACKET, (short) 0);
        assertThat(channel(wavFile, 0)).containsExactly(withGap);
        assertThat(channel(wavFile, 1)).containsExactly(speech);
    }

    @Test
    void g711BesideG722IsWrittenAt16kHzEachG711SampleRepeated() throws IOException {
        Path wavFile = spool.resolve("r.wav");
        ChannelAligner aligner = opened(wavFile, Codec.PCMA, Codec.G722);
        List<RtpFrame> left = frames("speech-8k.alaw", Codec.PCMA, 0x1111, T0);
        List<RtpFrame> right = frames("speech-16k.g722", Codec.G722, 0x2222, T0);
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            if (i < left.size()) {
                aligner.add(0, left.get(i));
            }
            if (i < right.size()) {
                aligner.add(1, right.get(i));
            }
        }

        AlignedWav wav = aligner.finish();

        assertThat(wav.sampleRate()).isEqualTo(16000);
        assertThat(wav.codecs()).isEqualTo("PCMA+G722");
        short[] alaw = Fixtures.pcm("speech-8k-alaw-sox.pcm");
        short[] doubled = new short[alaw.length * 2];
        for (int i = 0; i < alaw.length; i++) {
            doubled[2 * i] = alaw[i];
            doubled[2 * i + 1] = alaw[i];
        }
        short[] g722 = Fixtures.pcm("speech-16k-g722-ffmpeg.pcm");
        int length = Math.max(doubled.length, g722.length);
        assertThat(channel(wavFile, 0)).containsExactly(Arrays.copyOf(doubled, length));
        assertThat(channel(wavFile, 1)).containsExactly(Arrays.copyOf(g722, length));
    }

    @Test
    void aLateChannelsLeadInIsAtMostTheGapLimit() throws IOException {
        Path wavFile = spool.resolve("r.wav");
        ChannelAligner aligner = new ChannelAligner(wavFile, 2, new TimelineSettings(50, 1_000));
        aligner.open(0, Codec.PCMA);
        aligner.open(1, Codec.PCMA);
        List<RtpFrame> left = frames("speech-8k.alaw", Codec.PCMA, 0x1111, T0);
        for (RtpFrame frame : left.subList(0, 10)) {
            aligner.add(0, frame);
        }
        for (RtpFrame frame : frames("speech-8k.alaw", Codec.PCMA, 0x2222, T0 + 3_600_000_000L).subList(0, 10)) {
            aligner.add(1, frame);
        }

        aligner.finish();

        short[] right = channel(wavFile, 1);
        assertThat(right).hasSize(8000 + 10 * PACKET);
        assertThat(Arrays.copyOf(right, 8000)).containsOnly((short) 0);
    }

    @Test
    void aChannelThatNeverCameIsSilence() throws IOException {
        Path wavFile = spool.resolve("r.wav");
        ChannelAligner aligner = new ChannelAligner(wavFile, 2, TimelineSettings.DEFAULTS);
        aligner.open(0, Codec.PCMU);
        for (RtpFrame frame : frames("speech-8k.ulaw", Codec.PCMU, 0x1111, T0)) {
            aligner.add(0, frame);
        }

        AlignedWav wav = aligner.finish();

        assertThat(wav.channels()).isEqualTo(2);
        assertThat(wav.codecs()).isEqualTo("PCMU");
        assertThat(channel(wavFile, 0)).containsExactly(Fixtures.pcm("speech-8k-ulaw-sox.pcm"));
        assertThat(channel(wavFile, 1)).hasSize(32_000).containsOnly((short) 0);
    }

    /** A stereo aligner with both channels open. */
    private static ChannelAligner opened(Path wavFile, Codec left, Codec right) throws IOException {
        ChannelAligner aligner = new ChannelAligner(wavFile, 2, TimelineSettings.DEFAULTS);
        aligner.open(0, left);
        aligner.open(1, right);
        return aligner;
    }

    /** 20 ms frames of a codec fixture (160 bytes; G.722's RTP clock is 8 kHz too), arriving every 20 ms. */
    private static List<RtpFrame> frames(String fixture, Codec codec, long ssrc, long firstArrivalMicros) {
        byte[] audio = Fixtures.bytes(fixture);
        List<RtpFrame> frames = new ArrayList<>();
        for (int i = 0; i * PACKET < audio.length; i++) {
            byte[] payload = Arrays.copyOfRange(audio, i * PACKET, Math.min(audio.length, (i + 1) * PACKET));
            frames.add(new RtpFrame((1000 + i) & 0xFFFF, 8000L + i * PACKET, codec.payloadType(), i == 0, ssrc,
                    firstArrivalMicros + i * 20_000L, payload));
        }
        return frames;
    }

    /** One channel of a 16-bit stereo WAV. */
    static short[] channel(Path wavFile, int channel) throws IOException {
        byte[] wav = Files.readAllBytes(wavFile);
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getShort(22)).as("channels").isEqualTo((short) 2);
        assertThat(header.getInt(40)).as("data size").isEqualTo(wav.length - 44);
        short[] all = Fixtures.littleEndianSamples(Arrays.copyOfRange(wav, 44, wav.length));
        short[] one = new short[all.length / 2];
        for (int i = 0; i < one.length; i++) {
            one[i] = all[2 * i + channel];
        }
        return one;
    }
}
