package io.callrec.transcoder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.contracts.ImportRequest;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportConverterTest {
    private static final int CALLEE_RTP_PORT = 20002;
    private static final int ONE_HOUR = 3600;

    @TempDir
    Path spool;

    @Test
    void aCaptureWhoseSecondDirectionStartsHoursLaterGetsAtMostTheGapLimitOfLeadSilence() throws Exception {
        // The fixture call, with every packet of the callee's direction an hour later by its capture time.
        byte[] capture = withDirectionShifted(fixture("/imports/pcap/call.pcap"), CALLEE_RTP_PORT, ONE_HOUR);
        Path file = Files.write(spool.resolve("shifted.pcap"), capture);
        UUID id = UUID.randomUUID();

        AssembledRecording recording = new ImportConverter(new TimelineSettings(50, 60_000, 600_000))
                .convert(new ImportRequest(id, ImportRequest.PCAP, List.of("k"), List.of("shifted.pcap"),
                        Instant.parse("2026-12-02T10:00:00Z")), List.of(file), spool);

        Duration length = Duration.between(recording.startedAt(), recording.endedAt());
        assertThat(length).as("a minute of lead-in at most, not an hour").isLessThan(Duration.ofMinutes(2));
        assertThat(Files.size(recording.wavFile())).isLessThan(8L * 1024 * 1024);
    }

    /** Adds {@code seconds} to the capture time of each classic-pcap Ethernet/IPv4/UDP record from that port. */
    private static byte[] withDirectionShifted(byte[] pcap, int sourcePort, int seconds) {
        ByteBuffer records = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 24;
        while (offset + 16 <= pcap.length) {
            int length = records.getInt(offset + 8);
            int ip = offset + 16 + 14;
            int udp = ip + (pcap[ip] & 0x0F) * 4;
            int port = udp + 1 < pcap.length ? ((pcap[udp] & 0xFF) << 8) | (pcap[udp + 1] & 0xFF) : -1;
            boolean ipv4 = pcap[offset + 16 + 12] == 0x08 && pcap[offset + 16 + 13] == 0x00;
            if (ipv4 && pcap[ip + 9] == 17 && port == sourcePort) {
                records.putInt(offset, records.getInt(offset) + seconds);
            }
            offset += 16 + length;
        }
        return pcap;
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ImportConverterTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
