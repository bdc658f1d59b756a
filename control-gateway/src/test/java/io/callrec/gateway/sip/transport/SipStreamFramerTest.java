package io.callrec.gateway.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callrec.gateway.sip.message.SipLimits;
import io.callrec.gateway.sip.message.SipMessageParser;
import io.callrec.gateway.sip.message.SipParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipStreamFramerTest {
    private static final SipMessageParser PARSER = new SipMessageParser(new SipLimits(2000, 500, 20));
    private static final String MESSAGE = "INFO sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n"
            + "Content-Length: 5\r\n\r\nhello";

    @Test
    void cutsMessagesByContentLengthWhateverTheChunks() throws Exception {
        byte[] stream = ("\r\n\r\n" + MESSAGE + MESSAGE + "\r\n" + MESSAGE).getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 7, 64, stream.length}) {
            SipStreamFramer framer = new SipStreamFramer(PARSER);
            List<String> messages = new ArrayList<>();
            for (int i = 0; i < stream.length; i += chunk) {
                byte[] part = Arrays.copyOfRange(stream, i, Math.min(stream.length, i + chunk));
                for (byte[] whole : framer.feed(part)) {
                    messages.add(new String(whole, StandardCharsets.UTF_8));
                }
            }
            assertThat(messages).as("chunks of %d", chunk).containsExactly(MESSAGE, MESSAGE, MESSAGE);
        }
    }

    @Test
    void aMessageWithoutContentLengthCannotBeFramed() {
        SipStreamFramer framer = new SipStreamFramer(PARSER);
        assertThatThrownBy(() -> framer.feed("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n".getBytes()))
                .isInstanceOf(SipParseException.class).hasMessageContaining("Content-Length is required");
    }

    @Test
    void endlessHeadersOrAnOversizedBodyAreRefused() {
        SipStreamFramer headers = new SipStreamFramer(PARSER);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 200; i++) {
                headers.feed("X-Header: endless\r\n".getBytes());
            }
        }).isInstanceOf(SipParseException.class);
        SipStreamFramer body = new SipStreamFramer(PARSER);
        assertThatThrownBy(() -> body.feed("INFO sip:a@b SIP/2.0\r\nContent-Length: 999999\r\n\r\n".getBytes()))
                .hasMessageContaining("over the message limit");
    }
}
