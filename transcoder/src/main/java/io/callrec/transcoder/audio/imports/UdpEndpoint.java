package io.callrec.transcoder.audio.imports;

import java.net.Inet6Address;
import java.net.InetAddress;

/** One end of a UDP flow: an IPv4 or IPv6 address (never resolved to a name) and a port. */
public record UdpEndpoint(InetAddress address, int port) {

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
