package io.callrec.simulator.control;

import java.net.InetSocketAddress;

/**
 * The recorder's answer to a start request.
 *
 * @param accepted whether recording started
 * @param server   where to send RTP (accepted only)
 * @param port     the UDP port to send RTP to (accepted only)
 * @param reason   why it was refused, e.g. {@code no-capacity} (refused only)
 */
public record StartAnswer(boolean accepted, String server, int port, String reason) {

    static StartAnswer accepted(String server, int port) {
        return new StartAnswer(true, server, port, "");
    }

    static StartAnswer refused(String reason) {
        return new StartAnswer(false, "", 0, reason);
    }

    /** The RTP destination, resolving the server's name; call it off the RTP scheduler thread. */
    public InetSocketAddress rtpTarget() {
        if (!accepted) {
            throw new IllegalStateException("start was refused: " + reason);
        }
        return new InetSocketAddress(server, port);
    }
}
