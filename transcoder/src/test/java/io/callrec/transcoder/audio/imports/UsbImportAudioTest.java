package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import io.callrec.transcoder.audio.timeline.CallTimeline;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Imported USB files decode, through the call timeline, to exactly what sox and ffmpeg decode from the same bytes. */
class UsbImportAudioTest {

    private static final long START = 1_763_908_215_000_000L;

    @Test
    void wholeRtpUnitsDecodeToTheReferencePcm() throws Exception {
        assertThat(decode("usb/pcma-rtp-le.wav")).isEqualTo(Fixtures.pcm("usb/speech-alaw.pcm"));
    }

    @Test
    void barePayloadUnitsDecodeToTheReferencePcm() throws Exception {
        assertThat(decode("usb/pcmu-bare-le.wav")).isEqualTo(Fixtures.pcm("usb/speech-ulaw.pcm"));
    }

    @Test
    void aBigEndianG722FileDecodesToTheReferencePcmAt16Khz() throws Exception {
        short[] pcm = decode("usb/g722-rtp-be.wav");

        assertThat(pcm).hasSize(32_000).isEqualTo(Fixtures.pcm("usb/speech-g722.pcm"));
    }

    @Test
    void aPauseBecomesSilenceOfItsLength() throws Exception {
        short[] speech = Fixtures.pcm("usb/speech-alaw.pcm");
        int pausedAt = 50 * 160;
        int pause = 8000;
        short[] expected = new short[speech.length + pause];
        System.arraycopy(speech, 0, expected, 0, pausedAt);
        System.arraycopy(speech, pausedAt, expected, pausedAt + pause, speech.length - pausedAt);

        assertThat(decode("usb/pcma-rtp-pause-le.wav")).isEqualTo(expected);
    }

    @Test
    void aRolledOverCallDecodesAsOneRecording() throws Exception {
        List<UsbRolloverSet.Part> parts = List.of(part("Record_20251123143015.wav"), part("Record_20251123143016.wav"));
        PcmCollector pcm = new PcmCollector();
        try (UsbRolloverSet set = UsbRolloverSet.open(parts, START)) {
            CallTimeline timeline = new CallTimeline(set.codec(), TimelineSettings.DEFAULTS, pcm);
            for (RtpFrame frame; (frame = set.next()) != null; ) {
                timeline.add(frame);
            }
            timeline.finish();
        }

        assertThat(pcm.samples()).isEqualTo(Fixtures.pcm("usb/speech-alaw.pcm"));
    }

    private static short[] decode(String path) throws IOException, ImportRejectedException {
        byte[] file = Fixtures.bytes(path);
        UsbRecording recording = UsbRecordingParser.parse(new ByteArrayInputStream(file), file.length, START);
        Codec codec = recording.header().codec();
        PcmCollector pcm = new PcmCollector();
        CallTimeline timeline = new CallTimeline(codec, TimelineSettings.DEFAULTS, pcm);
        for (RtpFrame frame; (frame = recording.next()) != null; ) {
            timeline.add(frame);
        }
        timeline.finish();
        return pcm.samples();
    }

    private static UsbRolloverSet.Part part(String name) {
        byte[] bytes = Fixtures.bytes("usb/" + name);
        return new UsbRolloverSet.Part(name, bytes.length, () -> new ByteArrayInputStream(bytes));
    }
}
