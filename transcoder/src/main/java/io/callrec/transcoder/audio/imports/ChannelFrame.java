package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.RtpFrame;

/** An RTP frame of an imported call and the channel it belongs to; its arrival time is its capture time. */
public record ChannelFrame(int channel, RtpFrame frame) {
}
