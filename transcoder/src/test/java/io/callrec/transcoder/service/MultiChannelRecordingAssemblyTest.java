package io.callrec.transcoder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.contracts.Codec;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.StreamCounters;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiChannelRecordingAssemblyTest {
    private static final UUID ID = UUID.randomUUID();

    @TempDir
    Path spool;

    private final List<FrameBatch> left = FrameFeed.batches(ID, 0, 2, Codec.PCMA,
            FrameFeed.frames("/audio/speech-8k.alaw", 8), 20, 0, true);
    private final List<FrameBatch> right = FrameFeed.batches(ID, 1, 2, Codec.PCMU,
            FrameFeed.frames("/audio/speech-8k.ulaw", 0, 100_000), 20, 0, true);

    @Test
    void interleavedChannelBatchesNumberedEachFromZeroBecomeOneStereoWavOnceBothEnded() throws IOException {
        RecordingAssembly assembly = RecordingAssembly.open(left.get(0), spool, TimelineSettings.DEFAULTS);
        for (int i = 0; i < left.size(); i++) {
            assembly.add(left.get(i));
            assertThat(assembly.complete()).isFalse();
            assembly.add(right.get(i)); // channel 1's batch i, same number as channel 0's
        }
        assertThat(assembly.complete()).isTrue();

        AssembledRecording recording = assembly.finish(StopReasons.INGEST_LOST);

        assertThat(recording.channels()).isEqualTo(2);
        assertThat(recording.codec()).isEqualTo("PCMA+PCMU");
        assertThat(recording.stopReason()).isEqualTo("normal");
        assertThat(recording.warning()).isNull();
        assertThat(recording.figures().packetsReceived()).isEqualTo(400);
        short[] ulaw = samples("/audio/speech-8k-ulaw-sox.pcm");
        short[] expectedRight = new short[800 + ulaw.length]; // 100 ms later
        System.arraycopy(ulaw, 0, expectedRight, 800, ulaw.length);
        assertThat(channel(recording.wavFile(), 0))
                .containsExactly(Arrays.copyOf(samples("/audio/speech-8k-alaw-sox.pcm"), expectedRight.length));
        assertThat(channel(recording.wavFile(), 1)).containsExactly(expectedRight);
    }

    @Test
    void aBatchSeenAgainIsSkippedPerChannelAndAGapIsCountedPerChannel() throws IOException {
        RecordingAssembly assembly = RecordingAssembly.open(left.get(0), spool, TimelineSettings.DEFAULTS);
        for (int i = 0; i < left.size(); i++) {
            assembly.add(left.get(i));
            if (i != 3) { // channel 1's batch 3 never came
                assembly.add(right.get(i));
            }
            if (i == 5) {
                assembly.add(left.get(4));   // producer retries
                assembly.add(right.get(5));
            }
        }

        AssembledRecording recording = assembly.finish(StopReasons.INGEST_LOST);

        assertThat(recording.figures().packetsDuplicate()).isZero();
        assertThat(recording.figures().packetsReceived()).isEqualTo(400 - 20);
        assertThat(recording.warning()).isEqualTo(
                "0 packets dropped at ingest, 1 frame batches missing: audio was lost before the transcoder");
        assertThat(channel(recording.wavFile(), 0)).startsWith(samples("/audio/speech-8k-alaw-sox.pcm"));
    }

    @Test
    void theStopReasonIsThatOfTheChannelThatEndedLast() throws IOException {
        List<FrameBatch> rightTimedOut = FrameFeed.batches(ID, 1, 2, Codec.PCMU,
                FrameFeed.frames("/audio/speech-8k.ulaw", 0), 20, 0, false);
        RecordingAssembly assembly = RecordingAssembly.open(left.get(0), spool, TimelineSettings.DEFAULTS);
        rightTimedOut.forEach(b -> add(assembly, b));
        left.forEach(b -> add(assembly, b));
        assembly.add(new FrameBatch(ID, 1, 2, Codec.PCMU, rightTimedOut.size(), FrameFeed.STARTED_AT, List.of(), true,
                new StreamCounters(200, 0, 0, 3, 0), "rtp-timeout"));

        AssembledRecording recording = assembly.finish(StopReasons.INGEST_LOST);

        assertThat(recording.stopReason()).isEqualTo("rtp-timeout");
        assertThat(recording.duplicatesBeforeTimeline()).isEqualTo(3);
    }

    @Test
    void aChannelThatNeverCameLeavesTheRecordingWaitingButFinishedWithTheSeenChannelsReason() throws IOException {
        RecordingAssembly assembly = RecordingAssembly.open(left.get(0), spool, TimelineSettings.DEFAULTS);
        left.forEach(b -> add(assembly, b));
        assertThat(assembly.complete()).isFalse();
        assertThat(assembly.seenChannelsEnded()).isTrue();

        AssembledRecording recording = assembly.finish(StopReasons.INGEST_LOST);

        assertThat(recording.stopReason()).isEqualTo("normal");
        assertThat(recording.channels()).isEqualTo(2);
        assertThat(recording.warning()).isEqualTo("channel 2 of 2 never arrived: it is silent");
        assertThat(channel(recording.wavFile(), 1)).containsOnly((short) 0);
    }

    @Test
    void aChannelThatStoppedWithoutEndIsIngestLost() throws IOException {
        RecordingAssembly assembly = RecordingAssembly.open(left.get(0), spool, TimelineSettings.DEFAULTS);
        left.forEach(b -> add(assembly, b));
        right.subList(0, 3).forEach(b -> add(assembly, b));
        assertThat(assembly.seenChannelsEnded()).isFalse();

        assertThat(assembly.finish(StopReasons.INGEST_LOST).stopReason()).isEqualTo(StopReasons.INGEST_LOST);
    }

    @Test
    void aMonoRecordingKeepsItsDirectAssembly() throws IOException {
        FrameBatch mono = new FrameBatch(ID, Codec.PCMA, 0, FrameFeed.STARTED_AT, List.of(), false, null, null);
        assertThat(RecordingAssembly.open(mono, spool, TimelineSettings.DEFAULTS))
                .isInstanceOf(MonoRecordingAssembly.class);
    }

    private static void add(RecordingAssembly assembly, FrameBatch batch) {
        try {
            assembly.add(batch);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static short[] samples(String resource) {
        byte[] pcm = FrameFeed.resource(resource);
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    private static short[] channel(Path wavFile, int channel) throws IOException {
        byte[] wav = Files.readAllBytes(wavFile);
        assertThat(ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getShort(22)).isEqualTo((short) 2);
        short[] all = new short[(wav.length - 44) / 2];
        ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(all);
        short[] one = new short[all.length / 2];
        for (int i = 0; i < one.length; i++) {
            one[i] = all[2 * i + channel];
        }
        return one;
    }
}
