package io.callrec.transcoder.audio.imports;

/** One RTP stream in a capture: one direction of a flow and one synchronisation source. */
record StreamKey(UdpEndpoint source, UdpEndpoint destination, long ssrc) {
}
