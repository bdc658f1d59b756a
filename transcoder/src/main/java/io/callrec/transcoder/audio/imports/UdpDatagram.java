package io.callrec.transcoder.audio.imports;

/**
 * One UDP datagram from a capture.
 *
 * @param captureMicros when it was captured, microseconds since the epoch
 * @param payload       the UDP payload, a copy
 */
public record UdpDatagram(long captureMicros, UdpEndpoint source, UdpEndpoint destination, byte[] payload) {
}
