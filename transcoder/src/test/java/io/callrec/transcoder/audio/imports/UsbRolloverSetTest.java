package io.callrec.transcoder.audio.imports;

import io.callrec.contracts.Codec;
import io.callrec.contracts.RtpFrame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.callrec.transcoder.audio.imports.UsbFileBuilder.filled;
import static io.callrec.transcoder.audio.imports.UsbFileBuilder.rtp;
import static io.callrec.transcoder.audio.imports.UsbRecordingParserTest.payloads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsbRolloverSetTest {

    private static final long START = 1_763_908_215_000_000L;
    private static final String FIRST = "Record_20251123143015.wav";
    private static final String SECOND = "Record_20251123143016.wav";

    @Test
    void joinsTheFilesOfACallInTheOrderOfTheirNames() throws Exception {
        List<UsbRolloverSet.Part> givenBackwards = List.of(fixture(SECOND), fixture(FIRST));

        try (UsbRolloverSet set = UsbRolloverSet.open(givenBackwards, START)) {
            List<RtpFrame> frames = readAll(set);

            assertThat(set.codec()).isEqualTo(Codec.PCMA);
            assertThat(set.durationMicros()).isEqualTo(2_000_000);
            assertThat(frames).hasSize(100);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(frames.get(i).sequence()).isEqualTo(30_000 + i);
                assertThat(frames.get(i).timestamp()).isEqualTo(123_456 + 160L * i);
                assertThat(frames.get(i).ssrc()).isEqualTo(0x5EED5EEDL);
                assertThat(frames.get(i).arrivalMicros()).isEqualTo(START + 20_000L * i);
            }
            assertThat(payloads(frames)).isEqualTo(Fixtures.bytes("usb/speech.alaw"));
            assertThat(set.warnings()).isEmpty();
        }
    }

    @Test
    void continuesTheNumberingOfFilesThatRestartIt() throws Exception {
        byte[] first = UsbFileBuilder.file("PCMA", 160, ByteOrder.LITTLE_ENDIAN,
                rtp(8, 900, 5000, 0xAAAA, filled(160, 1)), rtp(8, 901, 5160, 0xAAAA, filled(160, 2)));
        byte[] second = UsbFileBuilder.file("PCMA", 160, ByteOrder.LITTLE_ENDIAN,
                rtp(8, 7, 70, 0xBBBB, filled(160, 3)), rtp(8, 8, 230, 0xBBBB, filled(160, 4)));

        try (UsbRolloverSet set = UsbRolloverSet.open(List.of(part(FIRST, first), part(SECOND, second)), START)) {
            List<RtpFrame> frames = readAll(set);

            assertThat(frames).extracting(RtpFrame::sequence).containsExactly(900, 901, 902, 903);
            assertThat(frames).extracting(RtpFrame::timestamp).containsExactly(5000L, 5160L, 5320L, 5480L);
            assertThat(frames).extracting(RtpFrame::ssrc).containsOnly(0xAAAAL);
            assertThat(frames).extracting(RtpFrame::arrivalMicros)
                    .containsExactly(START, START + 20_000, START + 40_000, START + 60_000);
            assertThat(frames).extracting(frame -> frame.payload()[0]).containsExactly((byte) 1, (byte) 2, (byte) 3, (byte) 4);
        }
    }

    @Test
    void continuesBarePayloadFromFileToFile() throws Exception {
        byte[] file = UsbFileBuilder.file("PCMU", 160, ByteOrder.LITTLE_ENDIAN, filled(160, 0x7F), filled(160, 0x7E));

        try (UsbRolloverSet set = UsbRolloverSet.open(List.of(part(FIRST, file), part(SECOND, file)), START)) {
            List<RtpFrame> frames = readAll(set);

            assertThat(frames).extracting(RtpFrame::sequence).containsExactly(0, 1, 2, 3);
            assertThat(frames).extracting(RtpFrame::timestamp).containsExactly(0L, 160L, 320L, 480L);
        }
    }

    @Test
    void rejectsFilesOfDifferentCodecs() {
        byte[] g722 = UsbFileBuilder.file("G722", 160, ByteOrder.LITTLE_ENDIAN, filled(160, 0x7F));
        List<UsbRolloverSet.Part> parts = List.of(fixture(FIRST), part(SECOND, g722));

        assertThatThrownBy(() -> UsbRolloverSet.open(parts, START))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("file 2 is G722 but file 1 is PCMA: the files of one call share a codec");
    }

    @Test
    void rejectsFilesThatOverlapInTime() {
        byte[] tenSeconds = UsbFileBuilder.file("PCMA", 80_000 / 2, ByteOrder.LITTLE_ENDIAN,
                filled(40_000, 0xD5), filled(40_000, 0xD5));
        List<UsbRolloverSet.Part> overlapping = List.of(part(FIRST, tenSeconds), fixture(SECOND));
        List<UsbRolloverSet.Part> sameTime = List.of(fixture(FIRST), part("Record_2025-11-23_14-30-15.wav",
                Fixtures.bytes("usb/" + SECOND)));

        assertThatThrownBy(() -> UsbRolloverSet.open(overlapping, START))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("file 1 (2025-11-23T14:30:15) and file 2 (2025-11-23T14:30:16) overlap in time: "
                        + "they are not one call split by size");
        assertThatThrownBy(() -> UsbRolloverSet.open(sameTime, START))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessageContaining("overlap in time");
    }

    @Test
    void warnsAboutALongGapBetweenFiles() throws Exception {
        List<UsbRolloverSet.Part> parts = List.of(fixture(FIRST), part("Record_20251123143515.wav",
                Fixtures.bytes("usb/" + SECOND)));

        try (UsbRolloverSet set = UsbRolloverSet.open(parts, START)) {
            assertThat(readAll(set)).hasSize(100);
            assertThat(set.warnings()).singleElement().asString().contains("more than 60 s apart");
        }
    }

    @Test
    void joinsInTheGivenOrderWhenANameHasNoTime() throws Exception {
        List<UsbRolloverSet.Part> parts = List.of(part("first.wav", Fixtures.bytes("usb/" + FIRST)),
                part("second.wav", Fixtures.bytes("usb/" + SECOND)));

        try (UsbRolloverSet set = UsbRolloverSet.open(parts, START)) {
            assertThat(payloads(readAll(set))).isEqualTo(Fixtures.bytes("usb/speech.alaw"));
            assertThat(set.warnings()).singleElement().asString().contains("joined in the order given");
        }
    }

    @Test
    void namesTheFileThatIsNotARecording() {
        List<UsbRolloverSet.Part> parts = List.of(fixture(FIRST), part(SECOND, new byte[10]));

        assertThatThrownBy(() -> UsbRolloverSet.open(parts, START))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("file 2: the file is 10 bytes, shorter than the 76-byte header of a phone USB recording");
    }

    @Test
    void rejectsMoreFilesThanOneCallHas() {
        List<UsbRolloverSet.Part> parts = Collections.nCopies(UsbRolloverSet.MAX_FILES + 1, fixture(FIRST));

        assertThatThrownBy(() -> UsbRolloverSet.open(parts, START))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("65 files given; one call is at most 64");
    }

    @Test
    void passesOnEachFilesWarningsNamingTheFile() throws Exception {
        byte[] first = Fixtures.bytes("usb/" + FIRST);
        byte[] truncated = Arrays.copyOf(first, first.length - 100);

        try (UsbRolloverSet set = UsbRolloverSet.open(List.of(part(FIRST, truncated), fixture(SECOND)), START)) {
            assertThat(readAll(set)).hasSize(99);
            assertThat(set.warnings()).singleElement().asString().startsWith("file 1 of 2: the file is truncated");
        }
    }

    @Test
    void opensOneFileAtATimeAndClosesEach() throws Exception {
        AtomicInteger open = new AtomicInteger();
        List<Integer> openWhileReading = new ArrayList<>();
        List<UsbRolloverSet.Part> parts = new ArrayList<>();
        for (String name : List.of(FIRST, SECOND)) {
            byte[] bytes = Fixtures.bytes("usb/" + name);
            parts.add(new UsbRolloverSet.Part(name, bytes.length, () -> {
                open.incrementAndGet();
                return new FilterInputStream(new ByteArrayInputStream(bytes)) {
                    @Override
                    public void close() {
                        open.decrementAndGet();
                    }
                };
            }));
        }

        try (UsbRolloverSet set = UsbRolloverSet.open(parts, START)) {
            for (RtpFrame frame; (frame = set.next()) != null; ) {
                openWhileReading.add(open.get());
            }
        }

        assertThat(openWhileReading).hasSize(100).containsOnly(1);
        assertThat(open).hasValue(0);
    }

    @Test
    void failsWhenAFileChangesBetweenItsTwoReads() throws Exception {
        byte[] original = Fixtures.bytes("usb/" + SECOND);
        byte[] changed = UsbFileBuilder.file("PCMA", 160, ByteOrder.LITTLE_ENDIAN, filled(160, 0xD5));
        AtomicInteger opened = new AtomicInteger();
        UsbRolloverSet.Part changing = new UsbRolloverSet.Part(SECOND, original.length,
                () -> new ByteArrayInputStream(opened.getAndIncrement() == 0 ? original : changed));

        try (UsbRolloverSet set = UsbRolloverSet.open(List.of(fixture(FIRST), changing), START)) {
            assertThatThrownBy(() -> readAll(set))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("file 2 of 2 changed while being imported");
        }
    }

    private static UsbRolloverSet.Part fixture(String name) {
        return part(name, Fixtures.bytes("usb/" + name));
    }

    private static UsbRolloverSet.Part part(String name, byte[] bytes) {
        return new UsbRolloverSet.Part(name, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    static List<RtpFrame> readAll(UsbRolloverSet set) throws IOException {
        List<RtpFrame> frames = new ArrayList<>();
        for (RtpFrame frame; (frame = set.next()) != null; ) {
            frames.add(frame);
        }
        return frames;
    }
}
