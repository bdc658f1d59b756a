package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callrec.contracts.Codec;
import io.callrec.simulator.speech.SpeechClip;
import io.callrec.simulator.speech.SpeechSource;
import io.callrec.transcoder.audio.AudioDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIPREC proved by a client we did not write. The whole system runs as {@code ./callrec up} runs it; SIPp runs our
 * scenario (deploy/sip) against the gateway's SIP port, one call over UDP and one over TCP at the same time, and
 * ffmpeg sends each stream's audio (A-law bytes, unchanged) to the port callrec answered for it: two labelled
 * streams, both put on hold ({@code a=inactive}), resumed from new ports, BYE. Each call must be one stereo
 * recording in the catalog, its participants (from the RFC 7865 metadata) in the local and remote fields, channel 0
 * exactly what the first stream sent and channel 1 exactly what the second sent, before and after the hold, with
 * silence for the hold.
 */
class SippSiprecCallTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    /** 2 s of each stream before and after the hold (the scenario leaves 3 s for each). */
    private static final int FRAMES_PER_PART = 100;
    /** The scenario holds for 4 s; the silence cannot be shorter than 3 s. */
    private static final int HOLD_SAMPLES_AT_LEAST = 3 * 8_000;
    /** Statuses a recording leaves once its WAV is written or has failed. */
    private static final Set<String> FINISHED = Set.of("available", "failed");

    @Test
    void siprecCallsFromSippOverUdpAndTcpAreEachOneStereoRecordingOfBothStreamsAcrossAHold() throws Exception {
        requireInstalled("sipp", "-v", "sip-tester");
        requireInstalled("ffmpeg", "-version", "ffmpeg");
        Path dataDir = Path.of("target/sipp-siprec-data").toAbsolutePath();
        Path calls = Path.of("target/sipp-siprec-calls").toAbsolutePath();
        Map<String, byte[]> media = media();
        try (CallrecSystem system = CallrecSystem.start(new LauncherOptions(ROOT, dataDir, 0, 0, 0, 0, 0, 0, 18500,
                18549, 0, 0, 0))) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            SippCall udp = SippCall.start(ROOT, "127.0.0.1", system.sipPort(), "u1", "sipp-udp-" + tag,
                    calls.resolve("udp-" + tag), media);
            SippCall tcp = SippCall.start(ROOT, "127.0.0.1", system.sipPort(), "t1", "sipp-tcp-" + tag,
                    calls.resolve("tcp-" + tag), media);
            udp.awaitCompleted(Duration.ofSeconds(90));
            tcp.awaitCompleted(Duration.ofSeconds(30));

            CatalogAccess catalog = new CatalogAccess(system);
            verify(catalog, udp, media);
            verify(catalog, tcp, media);
        }
    }

    private static void verify(CatalogAccess catalog, SippCall call, Map<String, byte[]> media) throws Exception {
        JsonNode recordings = catalog.awaitSession(call.callId(), Duration.ofSeconds(60),
                r -> FINISHED.contains(r.path("status").asText()));
        assertThat(recordings).as("recordings of SIPREC session %s: %s", call.callId(), recordings).hasSize(1);
        JsonNode recording = recordings.get(0);
        assertThat(recording.path("status").asText()).as("status of %s", recording).isEqualTo("available");
        assertThat(recording.path("channels").asInt()).as("channels of %s", recording).isEqualTo(2);
        assertThat(recording.path("codec").asText()).isEqualTo("PCMA");
        assertThat(recording.path("stopReason").asText()).isEqualTo("normal");
        // The metadata: 1009 "Alice" sends the first stream (channel 0), 2001 "Bob" the second.
        assertThat(recording.path("localNumber").asText()).isEqualTo("1009");
        assertThat(recording.path("localName").asText()).isEqualTo("Alice");
        assertThat(recording.path("remoteNumber").asText()).isEqualTo("2001");
        assertThat(recording.path("remoteName").asText()).isEqualTo("Bob");

        short[][] channels = RecordedAudio.channels(catalog.audio(recording.path("id").asText()));
        assertThat(channels.length).isEqualTo(2);
        assertHeldAudio(channels[0], media.get("label1-before.alaw"), media.get("label1-after.alaw"),
                call.callId() + " channel 0 (label 1)");
        assertHeldAudio(channels[1], media.get("label2-before.alaw"), media.get("label2-after.alaw"),
                call.callId() + " channel 1 (label 2)");
    }

    /**
     * The channel holds exactly the G.711 decode of what was sent before the hold, then the hold's silence, then
     * exactly the decode of what was sent after it, with nothing but silence around. A-law never decodes to 0, so
     * the channel's stretches of non-zero samples are what was sent and its zeros are silence.
     */
    private static void assertHeldAudio(short[] channel, byte[] before, byte[] after, String which) {
        List<int[]> sounding = soundingStretches(channel);
        assertThat(sounding.size()).as("%s: stretches of audio at samples %s (%d samples in all)", which,
                sounding.stream().map(Arrays::toString).toList(), channel.length).isEqualTo(2);
        int[] first = sounding.get(0);
        int[] second = sounding.get(1);
        assertThat(difference(Arrays.copyOfRange(channel, first[0], first[1]), pcma(before)))
                .as("%s before the hold", which).isNull();
        assertThat(difference(Arrays.copyOfRange(channel, second[0], second[1]), pcma(after)))
                .as("%s after the hold", which).isNull();
        assertThat(second[0] - first[1]).as("%s: samples of silence for the hold", which)
                .isGreaterThanOrEqualTo(HOLD_SAMPLES_AT_LEAST);
    }

    /** The [start, end) sample ranges that are not silence (0). */
    private static List<int[]> soundingStretches(short[] samples) {
        List<int[]> stretches = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= samples.length; i++) {
            boolean sounding = i < samples.length && samples[i] != 0;
            if (sounding && start < 0) {
                start = i;
            } else if (!sounding && start >= 0) {
                stretches.add(new int[] {start, i});
                start = -1;
            }
        }
        return stretches;
    }

    /** Null when equal; else where they first differ (the arrays are too long to print). */
    private static String difference(short[] actual, short[] expected) {
        if (Arrays.equals(actual, expected)) {
            return null;
        }
        int at = Arrays.mismatch(actual, expected);
        return actual.length + " samples where " + expected.length + " were sent; first difference at sample " + at
                + (at < Math.min(actual.length, expected.length) ? ": " + actual[at] + " instead of " + expected[at]
                : "");
    }

    private static short[] pcma(byte[] alaw) {
        short[] pcm = new short[alaw.length];
        AudioDecoder.forCodec(Codec.PCMA).decode(alaw, 0, alaw.length, pcm, 0);
        return pcm;
    }

    /** Speech for each stream: label 1 the shipped clip from its start, label 2 from its middle (another sentence). */
    private static Map<String, byte[]> media() {
        SpeechClip speech = SpeechSource.shipped().clip(Codec.PCMA);
        int middle = speech.frameCount() / 2;
        return Map.of("label1-before.alaw", frames(speech, 0),
                "label1-after.alaw", frames(speech, FRAMES_PER_PART),
                "label2-before.alaw", frames(speech, middle),
                "label2-after.alaw", frames(speech, middle + FRAMES_PER_PART));
    }

    private static byte[] frames(SpeechClip speech, int first) {
        ByteBuffer bytes = ByteBuffer.allocate(FRAMES_PER_PART * SpeechClip.FRAME_BYTES);
        for (int i = 0; i < FRAMES_PER_PART; i++) {
            speech.putFrame(first + i, bytes);
        }
        return bytes.array();
    }

    /** A missing tool fails the test (a skipped test is a defect); {@code ./callrec test} installs both as root. */
    private static void requireInstalled(String command, String versionFlag, String debianPackage)
            throws InterruptedException {
        boolean ran;
        try {
            Process process = new ProcessBuilder(command, versionFlag).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ran = process.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException notInstalled) {
            ran = false;
        }
        assertThat(ran).as("%s did not run: this test needs Debian's %s (./callrec test installs it when run as root:"
                + " apt-get install --no-install-recommends %s)", command, debianPackage, debianPackage).isTrue();
    }
}
