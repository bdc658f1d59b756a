package io.callrec.transcoder.audio.imports;

import io.callrec.transcoder.audio.timeline.CallTimeline;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The captured call decodes, channel by channel through the call timeline, to what sox decodes from
 * the A-law each end sent: the caller on channel 0, the callee on channel 1.
 */
class PcapCallAudioTest {

    @Test
    void eachChannelDecodesToTheSpeechItsEndSent() throws Exception {
        for (String capture : new String[]{"pcap/call.pcap", "pcap/call.pcapng", "pcap/call-any-sll2.pcapng"}) {
            byte[] bytes = Fixtures.bytes(capture);
            PcapCall call = RtpStreamExtractor.scan(new ByteArrayInputStream(bytes));
            PcmCollector[] pcm = {new PcmCollector(), new PcmCollector()};
            CallTimeline[] timelines = new CallTimeline[2];
            for (PcapChannel channel : call.channels()) {
                timelines[channel.index()] = new CallTimeline(channel.codec(), TimelineSettings.DEFAULTS, pcm[channel.index()]);
            }

            PcapCallFrames frames = call.frames(new ByteArrayInputStream(bytes));
            for (ChannelFrame frame; (frame = frames.next()) != null; ) {
                timelines[frame.channel()].add(frame.frame());
            }
            timelines[0].finish();
            timelines[1].finish();

            assertThat(pcm[0].samples()).as(capture + " channel 0").isEqualTo(Fixtures.pcm("pcap/caller-alaw.pcm"));
            assertThat(pcm[1].samples()).as(capture + " channel 1").isEqualTo(Fixtures.pcm("pcap/callee-alaw.pcm"));
        }
    }

    @Test
    void theChannelsStartAsFarApartAsTheirFirstPacketsWereCaptured() throws Exception {
        PcapCall call = RtpStreamExtractor.scan(new ByteArrayInputStream(Fixtures.bytes("pcap/call.pcap")));

        long calleeDelayMicros = call.channels().get(1).firstCaptureMicros() - call.startMicros();

        // the callee started 0.2 s after the caller (rtp_exchange.py); loopback adds microseconds
        assertThat(calleeDelayMicros).isBetween(195_000L, 260_000L);
    }
}
