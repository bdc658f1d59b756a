package io.callrec.transcoder.audio.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The call found in a capture by {@link RtpStreamExtractor}: one channel per direction (one for a
 * capture of a single direction), and what was wrong with the capture. The frames are read by a
 * second pass over the same capture, so that memory does not grow with its length.
 */
public final class PcapCall {

    private final List<PcapChannel> channels;
    private final Map<StreamKey, Integer> channelByStream;
    private final List<String> warnings;

    PcapCall(List<PcapChannel> channels, Map<StreamKey, Integer> channelByStream, List<String> warnings) {
        this.channels = List.copyOf(channels);
        this.channelByStream = Map.copyOf(channelByStream);
        this.warnings = List.copyOf(warnings);
    }

    /** Channel 0, then channel 1 if both directions were captured. */
    public List<PcapChannel> channels() {
        return channels;
    }

    /** What was wrong with the capture (truncated, corrupt part, other streams not imported...). */
    public List<String> warnings() {
        return warnings;
    }

    /** Capture time of the call's first packet, epoch microseconds. */
    public long startMicros() {
        long start = Long.MAX_VALUE;
        for (PcapChannel channel : channels) {
            start = Math.min(start, channel.firstCaptureMicros());
        }
        return start;
    }

    /**
     * The call's frames, in capture order.
     *
     * @param sameCapture the capture this call was found in, again from its start
     */
    public PcapCallFrames frames(InputStream sameCapture) throws IOException, ImportRejectedException {
        return new PcapCallFrames(PcapReader.open(sameCapture), channelByStream);
    }
}
