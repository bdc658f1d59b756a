package io.callrec.gateway.sip.transport;

import io.callrec.gateway.sip.message.SipMessageParser;
import io.callrec.gateway.sip.message.SipParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a TCP byte stream into SIP messages by their Content-Length (RFC 3261 18.3). Line breaks between messages
 * (keep-alives) are skipped. Never holds more than one message's limit: a header section or body beyond it is an
 * error, after which the connection must be closed (the stream can no longer be framed). Not thread-safe.
 */
public final class SipStreamFramer {
    private final SipMessageParser parser;
    private byte[] buffer = new byte[4096];
    private int length;

    public SipStreamFramer(SipMessageParser parser) {
        this.parser = parser;
    }

    /** Adds bytes from the stream; returns each message completed by them, whole (headers and body). */
    public List<byte[]> feed(byte[] data) throws SipParseException {
        append(data);
        List<byte[]> messages = new ArrayList<>(1);
        while (true) {
            int start = 0;
            while (start < length && (buffer[start] == '\r' || buffer[start] == '\n')) {
                start++;
            }
            consume(start);
            int headerEnd = SipMessageParser.headerEnd(buffer, 0, length);
            if (headerEnd < 0) {
                if (length > parser.limits().maxMessageBytes()) {
                    throw new SipParseException("header section over " + parser.limits().maxMessageBytes() + " bytes");
                }
                return messages;
            }
            int bodyStart = SipMessageParser.bodyStart(buffer, headerEnd);
            if (bodyStart > length) {
                return messages;
            }
            int total = bodyStart + parser.streamBodyLength(buffer, 0, headerEnd);
            if (total > length) {
                return messages;
            }
            messages.add(Arrays.copyOf(buffer, total));
            consume(total);
        }
    }

    private void append(byte[] data) throws SipParseException {
        if (length + data.length > parser.limits().maxMessageBytes() * 2L) {
            throw new SipParseException("more than two messages' limit of unframed bytes");
        }
        if (length + data.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + data.length));
        }
        System.arraycopy(data, 0, buffer, length, data.length);
        length += data.length;
    }

    private void consume(int count) {
        if (count == 0) {
            return;
        }
        System.arraycopy(buffer, count, buffer, 0, length - count);
        length -= count;
    }
}
