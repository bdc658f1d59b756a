package io.callrec.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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

    @Test
    void usbNameGivesTheStartTime() {
        assertThat(UsbFileName.startedAt("Record_20250102103000")).contains(Instant.parse("2025-01-02T10:30:00Z"));
        assertThat(UsbFileName.startedAt("Record_20250102103000.wav"))
                .contains(Instant.parse("2025-01-02T10:30:00Z"));
        assertThat(UsbFileName.startedAt("Record_1735813800")).contains(Instant.parse("2025-01-02T10:30:00Z"));
        assertThat(UsbFileName.startedAt("Record_1735813800123"))
                .contains(Instant.parse("2025-01-02T10:30:00.123Z"));
    }

    @Test
    void usbNameWithoutATimeGivesNone() {
        assertThat(UsbFileName.startedAt("Record_20251302103000")).isEmpty();
        assertThat(UsbFileName.startedAt("holiday.wav")).isEmpty();
        assertThat(UsbFileName.startedAt(null)).isEmpty();
    }
}
