package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.Codec;

import java.util.List;

/**
 * One direction of the call found in a capture, to become one channel of the recording.
 *
 * @param index              0 for the direction seen first (the caller's, as a rule), 1 for the other
 * @param codec              the audio codec most of its packets carry; packets of other types are
 *                           still given, for the timeline to skip
 * @param packets            RTP packets of this direction, comfort noise and telephone events included
 * @param firstCaptureMicros capture time of its first packet, epoch microseconds: aligns the channels
 * @param ssrcs              its synchronisation sources, in order of appearance (more than one after
 *                           a transfer or re-INVITE)
 */
public record PcapChannel(int index, UdpEndpoint source, UdpEndpoint destination, Codec codec, long packets,
                          long firstCaptureMicros, List<Long> ssrcs) {
}
