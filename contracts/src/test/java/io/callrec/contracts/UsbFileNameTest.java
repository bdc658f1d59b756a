package io.callrec.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class UsbFileNameTest {

    private static final LocalDateTime SYSTEM_TIME = LocalDateTime.of(2025, 11, 23, 14, 30, 15);

    @ParameterizedTest
    @ValueSource(strings = {"Record_20251123143015.wav", "Record_20251123143015", "record_20251123143015.WAV",
            "Record_2025-11-23_14-30-15.wav", "Record_20251123_143015.wav", "Record_2025.11.23.14.30.15.wav",
            "Record_20251123T143015.wav", "Record_[20251123143015].wav", "Record_20251123143015 (1).wav",
            "USB/Recordings/Record_20251123143015.wav", "C:\\Recordings\\Record_20251123143015.wav",
            "Record_1763908215.wav"})
    void readsTheSystemTimeInItsForms(String name) {
        assertThat(UsbFileName.parse(name).systemTime()).contains(SYSTEM_TIME);
    }

    @Test
    void keepsMilliseconds() {
        LocalDateTime withMillis = SYSTEM_TIME.withNano(123_000_000);

        assertThat(UsbFileName.parse("Record_20251123143015123.wav").systemTime()).contains(withMillis);
        assertThat(UsbFileName.parse("Record_1763908215123.wav").systemTime()).contains(withMillis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"call.wav", "Record_.wav", "Record_2025.wav", "Record_20251399143015.wav",
            "Record_20250230143015.wav", "Record_abc.wav", "Record_20251123143015.wav.exe", "MyRecord_20251123143015.wav",
            "Record_123456789012345678901234567890.wav"})
    void hasNoTimeForOtherNames(String name) {
        assertThat(UsbFileName.parse(name).systemTime()).isEmpty();
    }

    @Test
    void hasNoTimeForAMissingOrOverlongName() {
        assertThat(UsbFileName.parse(null).systemTime()).isEmpty();
        assertThat(UsbFileName.parse("Record_20251123143015" + "_".repeat(300) + ".wav").systemTime()).isEmpty();
    }

    /** The catalog's start time: the phone's clock read as UTC, in every form a phone writes. */
    @ParameterizedTest
    @ValueSource(strings = {"Record_20250102103000", "Record_20250102103000.wav", "Record_1735813800",
            "Record_20250102_103000", "Record_20250102_103000.wav", "Record_2025-01-02_10-30-00.wav"})
    void startsWhenThePhoneClockSays(String name) {
        assertThat(UsbFileName.parse(name).startedAt()).contains(Instant.parse("2025-01-02T10:30:00Z"));
    }

    @Test
    void startsWithMillisecondsFromEpochMillis() {
        assertThat(UsbFileName.parse("Record_1735813800123").startedAt())
                .contains(Instant.parse("2025-01-02T10:30:00.123Z"));
    }

    @Test
    void hasNoStartForAnImpossibleDate() {
        assertThat(UsbFileName.parse("Record_20251302103000").startedAt()).isEmpty();
        assertThat(UsbFileName.parse("holiday.wav").startedAt()).isEmpty();
    }
}
