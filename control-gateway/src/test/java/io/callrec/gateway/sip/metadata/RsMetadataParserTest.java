package io.callrec.gateway.sip.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RsMetadataParserTest {
    private static final RsMetadataParser PARSER = new RsMetadataParser(16_384);

    private static RecordingMetadata parse(String xml) throws MetadataException {
        return PARSER.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 7865's own example shape: participantstreamassoc, streams with labels listed after their users. */
    @Test
    void readsTheRfcShapeAndTiesParticipantsToStreamsByLabelNotPosition() throws Exception {
        RecordingMetadata metadata = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <recording xmlns="urn:ietf:params:xml:ns:recording:1">
                  <datamode>complete</datamode>
                  <participant participant_id="srfBElmCRp2QB23b7Mpk0w==">
                    <nameID aor="sip:1009@example.com"><name xml:lang="it">Yamada</name></nameID>
                  </participant>
                  <participant participant_id="zSfPoSvdSDCmU3A3TRDxAw==">
                    <nameID aor="tel:+390612345678;phone-context=x"><name>Bob</name></nameID>
                  </participant>
                  <stream stream_id="UAAMm5GRQKSCMVvLyl4rFw==" session_id="x"><label>97</label></stream>
                  <stream stream_id="i1Pz3to5hGk8fuXl+PbwCw==" session_id="x"><label>96</label></stream>
                  <participantstreamassoc participant_id="srfBElmCRp2QB23b7Mpk0w==">
                    <send>i1Pz3to5hGk8fuXl+PbwCw==</send><recv>UAAMm5GRQKSCMVvLyl4rFw==</recv>
                  </participantstreamassoc>
                  <participantstreamassoc participant_id="zSfPoSvdSDCmU3A3TRDxAw==">
                    <send>UAAMm5GRQKSCMVvLyl4rFw==</send><recv>i1Pz3to5hGk8fuXl+PbwCw==</recv>
                  </participantstreamassoc>
                </recording>
                """);
        assertThat(metadata.sender("96")).isEqualTo(new Participant("srfBElmCRp2QB23b7Mpk0w==", "1009", "Yamada"));
        assertThat(metadata.sender("97").number()).isEqualTo("+390612345678");
        assertThat(metadata.receiver("96").name()).isEqualTo("Bob");
        assertThat(metadata.sender("98")).isNull();
    }

    @Test
    void readsTheOlderDraftShapeWithPrefixesIdsAndSendInsideParticipant() throws Exception {
        RecordingMetadata metadata = parse("""
                <rs:recording xmlns:rs="urn:ietf:params:xml:ns:recording">
                  <rs:participant id="p1">
                    <rs:aor>sip:2001@pbx.example</rs:aor><rs:name>Reception</rs:name>
                    <rs:send>s1</rs:send>
                  </rs:participant>
                  <rs:participant id="p2">
                    <rs:nameID aor="sip:0312345678@carrier"/><rs:send>s2</rs:send>
                  </rs:participant>
                  <rs:stream id="s1"><rs:label>1</rs:label></rs:stream>
                  <rs:stream id="s2"><rs:label>2</rs:label></rs:stream>
                </rs:recording>
                """);
        assertThat(metadata.sender("1")).isEqualTo(new Participant("p1", "2001", "Reception"));
        assertThat(metadata.sender("2")).isEqualTo(new Participant("p2", "0312345678", null));
    }

    @Test
    void withoutStreamElementsASentReferenceIsTheLabel() throws Exception {
        RecordingMetadata metadata = parse("""
                <recording xmlns="urn:ietf:params:xml:ns:recording:1">
                  <participant participant_id="a"><nameID aor="sip:100@h"/></participant>
                  <participantstreamassoc participant_id="a"><send>1</send></participantstreamassoc>
                </recording>
                """);
        assertThat(metadata.sender("1").number()).isEqualTo("100");
    }

    @Test
    void noMetadataIsNone() throws Exception {
        assertThat(PARSER.parse(null)).isEqualTo(RecordingMetadata.NONE);
        assertThat(PARSER.parse(new byte[0])).isEqualTo(RecordingMetadata.NONE);
    }

    @Test
    void refusesDtdsExternalEntitiesOversizedAndForeignDocuments() {
        assertThatThrownBy(() -> parse("""
                <?xml version="1.0"?>
                <!DOCTYPE recording [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <recording xmlns="urn:ietf:params:xml:ns:recording:1">
                  <participant id="a"><name>&xxe;</name></participant>
                </recording>
                """)).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> parse("""
                <!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <recording xmlns="urn:ietf:params:xml:ns:recording:1"/>
                """)).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> PARSER.parse(new byte[20_000])).hasMessageContaining("over the limit");
        assertThatThrownBy(() -> parse("<html/>")).hasMessageContaining("not a recording");
        assertThatThrownBy(() -> parse("<recording")).hasMessageContaining("not readable");
    }
}
