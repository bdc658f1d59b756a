package io.callrec.gateway.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callrec.contracts.Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiprecOffersTest {
    static final String TWO_STREAMS = """
            v=0
            o=SRC 2890844526 2890844526 IN IP4 198.51.100.1
            s=-
            c=IN IP4 198.51.100.1
            t=0 0
            m=audio 10000 RTP/AVP 0 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=label:96
            a=sendonly
            m=audio 10002 RTP/AVP 8
            c=IN IP4 198.51.100.2
            a=label:97
            a=sendonly
            m=audio 10004 RTP/SAVP 0
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR
            a=label:98
            m=video 10006 RTP/AVP 96
            a=label:99
            m=audio 10008 RTP/AVP 18 9
            a=label:100
            """.replace("\n", "\r\n");

    @Test
    void readsEveryStreamWithItsLabelAddressAndDirection() throws Exception {
        List<OfferedStream> offer = SdpOffer.parse(TWO_STREAMS.getBytes(StandardCharsets.US_ASCII));
        assertThat(offer).extracting(OfferedStream::label).containsExactly("96", "97", "98", "99", "100");
        assertThat(offer.get(0).address()).isEqualTo("198.51.100.1");
        assertThat(offer.get(1).address()).isEqualTo("198.51.100.2");
        assertThat(offer.get(0).direction()).isEqualTo("sendonly");
        assertThat(offer.get(0).formats()).containsExactly("0", "101");
        assertThat(offer.get(0).encodings()).containsEntry("101", "TELEPHONE-EVENT");
    }

    @Test
    void choosesOnlyPlainRtpAudioInPcmuPcmaOrG722AndIgnoresTelephoneEvent() throws Exception {
        List<OfferedStream> offer = SdpOffer.parse(TWO_STREAMS.getBytes(StandardCharsets.US_ASCII));
        assertThat(offer).map(StreamChoice::codec).map(c -> c.orElse(null))
                .containsExactly(Codec.PCMU, Codec.PCMA, null, null, Codec.G722);
    }

    @Test
    void aStaticPayloadTypeMappedToAnotherCodecIsNotTaken() throws Exception {
        List<OfferedStream> offer = SdpOffer.parse(("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 8\r\n"
                + "a=rtpmap:8 opus/48000\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(StreamChoice.codec(offer.get(0))).isEmpty();
    }

    @Test
    void holdsAreRecognised() throws Exception {
        List<OfferedStream> offer = SdpOffer.parse(("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 8\r\n"
                + "m=audio 4002 RTP/AVP 8\r\nc=IN IP4 1.2.3.4\r\na=inactive\r\nm=audio 4004 RTP/AVP 8\r\n"
                + "c=IN IP4 1.2.3.4\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(offer).extracting(OfferedStream::silent).containsExactly(true, true, false);
    }

    @Test
    void refusesBodiesThatAreNotOffers() {
        assertThatThrownBy(() -> SdpOffer.parse("hello".getBytes())).isInstanceOf(SdpException.class);
        assertThatThrownBy(() -> SdpOffer.parse("v=0\r\nm=audio x RTP/AVP 0\r\n".getBytes()))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> SdpOffer.parse(("v=0\r\n" + "m=audio 1 RTP/AVP 0\r\n".repeat(17)).getBytes()))
                .hasMessageContaining("more than 16");
    }

    @Test
    void answersEveryStreamInOrderRecvonlyWithLabelsAndPortZeroForRefusedOnes() throws Exception {
        List<OfferedStream> offer = SdpOffer.parse(TWO_STREAMS.getBytes(StandardCharsets.US_ASCII));
        List<AnsweredStream> answered = List.of(
                new AnsweredStream(offer.get(0), Codec.PCMU, "192.0.2.10", 40000),
                new AnsweredStream(offer.get(1), Codec.PCMA, "192.0.2.11", 40002),
                AnsweredStream.refused(offer.get(2)), AnsweredStream.refused(offer.get(3)),
                new AnsweredStream(offer.get(4), Codec.G722, "192.0.2.10", 40004));
        String sdp = new String(SdpAnswer.build(answered, 7, 2), StandardCharsets.US_ASCII);
        assertThat(sdp).startsWith("v=0\r\no=callrec 7 2 IN IP4 192.0.2.10\r\n");
        assertThat(sdp.lines().filter(l -> l.startsWith("m=")).toList()).containsExactly(
                "m=audio 40000 RTP/AVP 0", "m=audio 40002 RTP/AVP 8", "m=audio 0 RTP/SAVP 0",
                "m=video 0 RTP/AVP 96", "m=audio 40004 RTP/AVP 9");
        assertThat(sdp).contains("c=IN IP4 192.0.2.11\r\na=rtpmap:8 PCMA/8000\r\na=label:97\r\na=recvonly\r\n");
        assertThat(sdp).contains("a=rtpmap:9 G722/8000\r\n");
        assertThat(sdp).doesNotContain("telephone-event");
        List<OfferedStream> again = SdpOffer.parse(sdp.getBytes(StandardCharsets.US_ASCII));
        assertThat(again).extracting(OfferedStream::label).containsExactly("96", "97", "98", "99", "100");
    }

    @Test
    void splitsAMultipartBodyIntoSdpAndMetadataInAnyOrder() throws Exception {
        String body = "--foobar\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: "
                + "recording-session\r\n\r\n<recording xmlns='urn:ietf:params:xml:ns:recording:1'/>\r\n"
                + "--foobar\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=audio 1 RTP/AVP 0\r\n\r\n--foobar--\r\n";
        SiprecBody parts = SiprecBody.parse("multipart/mixed;boundary=\"foobar\"",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(parts.sdp(), StandardCharsets.UTF_8)).isEqualTo("v=0\r\nm=audio 1 RTP/AVP 0\r\n");
        assertThat(new String(parts.metadata(), StandardCharsets.UTF_8))
                .isEqualTo("<recording xmlns='urn:ietf:params:xml:ns:recording:1'/>");
        SiprecBody plain = SiprecBody.parse("application/SDP", "v=0\r\n".getBytes());
        assertThat(plain.metadata()).isNull();
        assertThatThrownBy(() -> SiprecBody.parse("text/plain", new byte[0])).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> SiprecBody.parse("multipart/mixed", new byte[0])).hasMessageContaining("boundary");
        assertThatThrownBy(() -> SiprecBody.parse("multipart/mixed;boundary=x", "--x\r\n\r\nhi\r\n--x--".getBytes()))
                .hasMessageContaining("without application/sdp");
    }
}
