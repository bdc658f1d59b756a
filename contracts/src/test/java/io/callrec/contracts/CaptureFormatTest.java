package io.callrec.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureFormatTest {

    @Test
    void everyPcapAndPcapngMagicInEitherByteOrderIsACapture() {
        for (int magic : new int[] {0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a}) {
            assertThat(CaptureFormat.isCapture(magic)).as("0x%08x", magic).isTrue();
        }
    }

    @Test
    void otherFilesAreNot() {
        assertThat(CaptureFormat.isCapture(0x52494646)).isFalse();   // RIFF
        assertThat(CaptureFormat.isCapture(0)).isFalse();
        assertThat(CaptureFormat.isPcap(CaptureFormat.PCAPNG_SECTION)).isFalse();
    }
}
