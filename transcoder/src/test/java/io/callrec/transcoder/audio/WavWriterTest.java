package io.callrec.transcoder.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesACanonicalMonoHeaderFieldByField() throws IOException {
        Path file = dir.resolve("mono.wav");
        try (WavWriter wav = new WavWriter(file, 8000, 1)) {
            wav.write(new short[]{1, -2, 0x1234, Short.MIN_VALUE}, 0, 4);
        }

        ByteBuffer bytes = read(file);
        assertThat(bytes.limit()).isEqualTo(44 + 8);
        assertThat(tag(bytes, 0)).isEqualTo("RIFF");
        assertThat(bytes.getInt(4)).as("RIFF size").isEqualTo(36 + 8);
        assertThat(tag(bytes, 8)).isEqualTo("WAVE");
        assertThat(tag(bytes, 12)).isEqualTo("fmt ");
        assertThat(bytes.getInt(16)).as("fmt size").isEqualTo(16);
        assertThat(bytes.getShort(20)).as("format: PCM").isEqualTo((short) 1);
        assertThat(bytes.getShort(22)).as("channels").isEqualTo((short) 1);
        assertThat(bytes.getInt(24)).as("sample rate").isEqualTo(8000);
        assertThat(bytes.getInt(28)).as("byte rate").isEqualTo(16000);
        assertThat(bytes.getShort(32)).as("block align").isEqualTo((short) 2);
        assertThat(bytes.getShort(34)).as("bits per sample").isEqualTo((short) 16);
        assertThat(tag(bytes, 36)).isEqualTo("data");
        assertThat(bytes.getInt(40)).as("data size").isEqualTo(8);
        assertThat(samplesAfterHeader(bytes)).containsExactly(1, -2, 0x1234, Short.MIN_VALUE);
    }

    @Test
    void writesAStereoHeaderWithFrameSizedFields() throws IOException {
        Path file = dir.resolve("stereo.wav");
        try (WavWriter wav = new WavWriter(file, 16000, 2)) {
            wav.write(new short[]{10, 20, 30, 40}, 0, 4);
        }

        ByteBuffer bytes = read(file);
        assertThat(bytes.getShort(22)).as("channels").isEqualTo((short) 2);
        assertThat(bytes.getInt(24)).as("sample rate").isEqualTo(16000);
        assertThat(bytes.getInt(28)).as("byte rate").isEqualTo(64000);
        assertThat(bytes.getShort(32)).as("block align").isEqualTo((short) 4);
        assertThat(bytes.getInt(40)).as("data size").isEqualTo(8);
        assertThat(bytes.getInt(4)).as("RIFF size").isEqualTo(44);
    }

    @Test
    void anEmptyRecordingIsAValidHeaderWithZeroData() throws IOException, UnsupportedAudioFileException {
        Path file = dir.resolve("empty.wav");
        new WavWriter(file, 8000, 1).close();

        ByteBuffer bytes = read(file);
        assertThat(bytes.limit()).isEqualTo(44);
        assertThat(bytes.getInt(4)).as("RIFF size").isEqualTo(36);
        assertThat(bytes.getInt(40)).as("data size").isZero();
        assertThat(AudioSystem.getAudioFileFormat(file.toFile()).getFrameLength()).isZero();
    }

    @Test
    void oddSampleCountsGiveExactSizes() throws IOException {
        Path file = dir.resolve("odd.wav");
        try (WavWriter wav = new WavWriter(file, 8000, 1)) {
            wav.write(new short[]{7, 8, 9}, 0, 3);
            wav.write(new short[]{5}, 0, 1);
            wav.write(new short[]{6, 6, 6}, 1, 1);
        }

        ByteBuffer bytes = read(file);
        assertThat(bytes.getInt(40)).as("data size").isEqualTo(10);
        assertThat(bytes.getInt(4)).as("RIFF size").isEqualTo(46);
        assertThat(samplesAfterHeader(bytes)).containsExactly(7, 8, 9, 5, 6);
    }

    @Test
    void completesAStereoFrameLeftHalfWrittenWithSilence() throws IOException {
        Path file = dir.resolve("half-frame.wav");
        try (WavWriter wav = new WavWriter(file, 8000, 2)) {
            wav.write(new short[]{1, 2, 3}, 0, 3);
        }

        ByteBuffer bytes = read(file);
        assertThat(bytes.getInt(40)).as("data size").isEqualTo(8);
        assertThat(samplesAfterHeader(bytes)).containsExactly(1, 2, 3, 0);
    }

    @Test
    void streamsMoreThanItsBufferInUnevenChunks() throws IOException, UnsupportedAudioFileException {
        Path file = dir.resolve("long.wav");
        short[] samples = new short[200_001];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i * 7);
        }
        try (WavWriter wav = new WavWriter(file, 16000, 1)) {
            int[] chunks = {1, 4095, 32768, 333, 70000};
            for (int off = 0, i = 0; off < samples.length; i++) {
                int len = Math.min(chunks[i % chunks.length], samples.length - off);
                wav.write(samples, off, len);
                off += len;
            }
        }

        assertThat(samplesAfterHeader(read(file))).containsExactly(samples);
        AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
        assertThat(format.getFrameLength()).isEqualTo(samples.length);
        assertThat(format.getFormat().getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
        assertThat(format.getFormat().getSampleRate()).isEqualTo(16000f);
    }

    @Test
    void refusesToGrowPastItsLimitAndStaysValid() throws IOException {
        Path file = dir.resolve("limit.wav");
        WavWriter wav = new WavWriter(file, 8000, 1, 10);
        wav.write(new short[]{1, 2, 3, 4}, 0, 4);

        assertThatThrownBy(() -> wav.write(new short[]{5, 6}, 0, 2))
                .isInstanceOf(WavSizeLimitException.class)
                .hasMessageContaining("RIFF limit of 10 bytes")
                .hasMessageContaining("RF64");
        wav.write(new short[]{5}, 0, 1);
        assertThatThrownBy(() -> wav.write(new short[]{6}, 0, 1)).isInstanceOf(WavSizeLimitException.class);
        wav.close();

        ByteBuffer bytes = read(file);
        assertThat(bytes.getInt(40)).as("data size").isEqualTo(10);
        assertThat(samplesAfterHeader(bytes)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void limitIsWholeFramesSoAStereoFrameIsNeverSplit() throws IOException {
        Path file = dir.resolve("stereo-limit.wav");
        try (WavWriter wav = new WavWriter(file, 8000, 2, 10)) {
            wav.write(new short[]{1, 2, 3, 4}, 0, 4);
            assertThatThrownBy(() -> wav.write(new short[]{5}, 0, 1)).isInstanceOf(WavSizeLimitException.class);
        }

        assertThat(read(file).getInt(40)).as("data size").isEqualTo(8);
    }

    @Test
    void riffLimitIsFourGibibytesOr74HoursOf8kHzMono() {
        assertThat(WavWriter.MAX_DATA_BYTES + 36).isEqualTo(0xFFFF_FFFFL);
        assertThat(WavWriter.MAX_DATA_BYTES / (8000 * 2) / 3600).isEqualTo(74);
    }

    @Test
    void refusesSamplesAfterClose() throws IOException {
        WavWriter wav = new WavWriter(dir.resolve("closed.wav"), 8000, 1);
        wav.close();

        assertThatThrownBy(() -> wav.write(new short[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void truncatesAnExistingFile() throws IOException {
        Path file = dir.resolve("again.wav");
        Files.write(file, new byte[1000]);
        try (WavWriter wav = new WavWriter(file, 8000, 1)) {
            wav.write(new short[]{3}, 0, 1);
        }

        assertThat(Files.size(file)).isEqualTo(46);
    }

    private static ByteBuffer read(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String tag(ByteBuffer bytes, int offset) {
        return new String(bytes.array(), offset, 4, StandardCharsets.US_ASCII);
    }

    private static short[] samplesAfterHeader(ByteBuffer bytes) {
        return Fixtures.littleEndianSamples(Arrays.copyOfRange(bytes.array(), 44, bytes.limit()));
    }
}
