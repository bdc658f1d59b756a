package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.RtpPacket;

import io.callrec.contracts.RtpFrame;

import java.io.IOException;
import java.util.Map;

/** The frames of a {@link PcapCall}'s channels, read again from the capture in capture order. Not thread-safe. */
public final class PcapCallFrames {

    private final PcapReader reader;
    private final Map<StreamKey, Integer> channelByStream;

    PcapCallFrames(PcapReader reader, Map<StreamKey, Integer> channelByStream) {
        this.reader = reader;
        this.channelByStream = channelByStream;
    }

    /** The next frame of either channel, or null after the last. */
    public ChannelFrame next() throws IOException {
        for (UdpDatagram datagram; (datagram = reader.next()) != null; ) {
            byte[] payload = datagram.payload();
            if (!RtpPacket.isMedia(payload, 0, payload.length)) {
                continue;
            }
            Integer channel = channelByStream.get(
                    new StreamKey(datagram.source(), datagram.destination(), RtpPacket.ssrc(payload, 0, payload.length)));
            if (channel != null) {
                RtpFrame frame = RtpPacket.toFrame(payload, 0, payload.length, datagram.captureMicros());
                return new ChannelFrame(channel, frame);
            }
        }
        return null;
    }
}
