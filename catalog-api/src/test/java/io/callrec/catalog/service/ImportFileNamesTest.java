package io.callrec.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportFileNamesTest {

    @Test
    void pbxCaptureNameGivesCallDeviceAndUser() {
        assertThat(PcapFileName.parse("f9e5956e47d460010630009033302ab1-009033302ab1-11--username.pcap"))
                .contains(new PcapFileName("f9e5956e47d460010630009033302ab1", "00:90:33:30:2a:b1", "username"));
        assertThat(PcapFileName.parse("F9E5956E47D46001-009033302AB1-1--Jürgen Groß.pcapng")).get()
                .extracting(PcapFileName::callId, PcapFileName::user)
                .containsExactly("f9e5956e47d46001", "Jürgen Groß");
    }

    @Test
    void otherCaptureNamesGiveNoMetadata() {
        assertThat(PcapFileName.parse("capture.pcap")).isEmpty();
        assertThat(PcapFileName.parse("f9e5956e47d460010630009033302ab1-009033302ab1-11.pcap")).isEmpty();
    }
}
