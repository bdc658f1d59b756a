package io.callrec.gateway.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipMessageParserTest {
    private static final SipMessageParser PARSER = new SipMessageParser(new SipLimits(4000, 200, 20));
    private static final String HEADERS = "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776asdhds\r\n"
            + "From: \"SBC\" <sip:src@10.0.0.1>;tag=1928301774\r\n"
            + "To: <sip:srs@10.0.0.2>\r\n"
            + "Call-ID: a84b4c76e66710@10.0.0.1\r\n"
            + "CSeq: 314159 INVITE\r\n";

    private static SipMessage parse(String text) throws SipParseException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return PARSER.parse(bytes, 0, bytes.length);
    }

    @Test
    void readsARequestWithItsBodyCutAtContentLength() throws Exception {
        SipMessage invite = parse("INVITE sip:srs@10.0.0.2 SIP/2.0\r\n" + HEADERS
                + "Content-Type: application/sdp\r\nContent-Length: 4\r\n\r\nv=0\ntrailing");
        assertThat(invite.method()).isEqualTo("INVITE");
        assertThat(invite.requestUri()).isEqualTo("sip:srs@10.0.0.2");
        assertThat(invite.body()).asString(StandardCharsets.UTF_8).isEqualTo("v=0\n");
        assertThat(invite.topViaBranch()).isEqualTo("z9hG4bK776asdhds");
        assertThat(invite.fromTag()).isEqualTo("1928301774");
        assertThat(invite.toTag()).isNull();
        assertThat(invite.cseqNumber()).isEqualTo(314159);
        assertThat(invite.cseqMethod()).isEqualTo("INVITE");
    }

    @Test
    void expandsCompactHeaderNamesAndJoinsFoldedLines() throws Exception {
        SipMessage bye = parse("BYE sip:srs@10.0.0.2 SIP/2.0\r\n"
                + "v: SIP/2.0/TCP 10.0.0.1;branch=z9hG4bKa\r\nf: <sip:a@b>;tag=x\r\nt: <sip:c@d>;tag=y\r\n"
                + "i: call-1\r\nCSeq: 2\r\n BYE\r\nl: 0\r\n\r\n");
        assertThat(bye.callId()).isEqualTo("call-1");
        assertThat(bye.toTag()).isEqualTo("y");
        assertThat(bye.cseqMethod()).isEqualTo("BYE");
    }

    @Test
    void acceptsBareLineFeedsAndLeadingKeepAlives() throws Exception {
        SipMessage options = parse("\r\n\r\nOPTIONS sip:srs@h SIP/2.0\n" + HEADERS.replace("\r\n", "\n")
                .replace("INVITE", "OPTIONS") + "\n");
        assertThat(options.method()).isEqualTo("OPTIONS");
        assertThat(parse("\r\n\r\n")).isNull();
    }

    @Test
    void refusesWhatIsNotSip() {
        assertThatThrownBy(() -> parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> parse("\u0000\u0001garbage")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS)) // no empty line
                .hasMessageContaining("no empty line");
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\nVia x\r\n\r\n"))
                .hasMessageContaining("colon");
        assertThatThrownBy(() -> parse("SIP/2.0 99 Odd\r\n" + HEADERS + "\r\n")).hasMessageContaining("status");
    }

    @Test
    void refusesRequestsWithoutTheMandatoryHeadersOrWithAMismatchedCSeq() {
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS.replace("Call-ID", "X-Call") + "\r\n"))
                .hasMessageContaining("Call-ID");
        assertThatThrownBy(() -> parse("BYE sip:a@b SIP/2.0\r\n" + HEADERS + "\r\n"))
                .hasMessageContaining("CSeq");
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS.replace("314159", "x") + "\r\n"))
                .hasMessageContaining("CSeq");
    }

    @Test
    void refusesABodyShorterThanItsContentLengthOrTwoLengths() {
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS + "Content-Length: 50\r\n\r\nv=0"))
                .hasMessageContaining("only 3 bytes");
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS + "Content-Length: -1\r\n\r\n"))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS
                + "Content-Length: 1\r\nl: 2\r\n\r\nab")).hasMessageContaining("two different");
    }

    @Test
    void enforcesTheSizeLineAndHeaderLimits() {
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS + "\r\n" + "x".repeat(4000)))
                .hasMessageContaining("over the limit");
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS + "Subject: " + "y".repeat(200)
                + "\r\n\r\n")).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS + "Subject: a\r\n"
                + (" " + "y".repeat(100) + "\r\n").repeat(2) + "\r\n")).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> parse("INVITE sip:a@b SIP/2.0\r\n" + HEADERS + "X-A: 1\r\n".repeat(16) + "\r\n"))
                .hasMessageContaining("more than 20 header lines");
    }

    @Test
    void aResponseCopiesTheDialogHeadersAndAddsOurTag() throws Exception {
        SipMessage invite = parse("INVITE sip:srs@10.0.0.2 SIP/2.0\r\n" + HEADERS
                + "Via: SIP/2.0/UDP 10.9.9.9;branch=z9hG4bKsecond\r\nContent-Length: 0\r\n\r\n");
        SipMessage ok = SipResponses.of(invite, 200, "OK", "ourtag");
        byte[] wire = ok.encode();
        SipMessage again = PARSER.parse(wire, 0, wire.length);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.toTag()).isEqualTo("ourtag");
        assertThat(again.headerValues("via")).hasSize(2).first().asString().contains("z9hG4bK776asdhds");
        assertThat(again.callId()).isEqualTo(invite.callId());
        assertThat(again.header("cseq")).isEqualTo("314159 INVITE");
    }
}
