package io.callrec.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.contracts.ImportRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UploadCheckTest {

    private static byte[] usbHead(String codec) {
        byte[] head = new byte[UploadCheck.USB_HEADER_BYTES];
        System.arraycopy(codec.getBytes(), 0, head, 0, codec.length());
        return head;
    }

    @Test
    void usbFileNeedsTheWholeHeaderWithACodecName() {
        assertThat(UploadCheck.problem(ImportRequest.USB, usbHead("PCMA"), 76)).isEmpty();
        assertThat(UploadCheck.problem(ImportRequest.USB, usbHead("G722"), 5000)).isEmpty();
        assertThat(UploadCheck.problem(ImportRequest.USB, Arrays.copyOf(usbHead("PCMA"), 75), 75)).get()
                .asString().contains("shorter than the 76-byte header");
        assertThat(UploadCheck.problem(ImportRequest.USB, usbHead(""), 100)).isPresent();
        assertThat(UploadCheck.problem(ImportRequest.USB, usbHead("PC\u0001A"), 100)).isPresent();
        byte[] unterminated = usbHead("X".repeat(64));
        assertThat(UploadCheck.problem(ImportRequest.USB, unterminated, 100)).isPresent();
    }

    @Test
    void captureNeedsAPcapOrPcapngMagic() {
        for (int magic : new int[] {0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a}) {
            byte[] head = ByteBuffer.allocate(UploadCheck.HEAD_BYTES).putInt(magic).array();
            assertThat(UploadCheck.problem(ImportRequest.PCAP, head, 24)).isEmpty();
        }
        byte[] wav = ByteBuffer.allocate(UploadCheck.HEAD_BYTES).put("RIFF".getBytes()).array();
        assertThat(UploadCheck.problem(ImportRequest.PCAP, wav, 1000)).get().asString()
                .contains("0x52494646");
        assertThat(UploadCheck.problem(ImportRequest.PCAP, new byte[23], 23)).get().asString()
                .contains("too short");
    }
}
