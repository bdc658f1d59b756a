package io.callrec.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.catalog.domain.Recording;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordingFileNameTest {

    private static Recording recording(String localName, String remoteName) {
        Recording recording = Recording.fromNetwork(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        recording.startedAt = Instant.parse("2025-01-02T03:04:05Z");
        recording.direction = "in";
        recording.describe("1001", localName, "+81 3 1234", remoteName);
        return recording;
    }

    @Test
    void namesTimeDirectionAndPartiesInTheirOwnScript() {
        assertThat(RecordingFileName.of(recording("Alice", "山田太郎")))
                .isEqualTo("2025-01-02_03-04-05_in_1001_Alice_+81-3-1234_山田太郎.wav");
    }

    @Test
    void dropsCharactersFileSystemsRefuse() {
        assertThat(RecordingFileName.of(recording("../../etc/passwd", "a:b*c?\"d<e>f|g")))
                .isEqualTo("2025-01-02_03-04-05_in_1001_etc-passwd_+81-3-1234_a-b-c-d-e-f-g.wav");
    }

    @Test
    void recordingWithoutMetadataIsNamedByItsId() {
        Recording bare = Recording.fromNetwork(UUID.fromString("00000000-0000-0000-0000-000000000002"));
        assertThat(RecordingFileName.of(bare)).isEqualTo("00000000-0000-0000-0000-000000000002.wav");
    }

    @Test
    void contentDispositionCarriesUtf8AndAnAsciiFallback() {
        assertThat(RecordingFileName.contentDisposition(recording("Alice", "山田"), true)).isEqualTo(
                "attachment; filename=\"2025-01-02_03-04-05_in_1001_Alice_+81-3-1234___.wav\"; "
                        + "filename*=UTF-8''2025-01-02_03-04-05_in_1001_Alice_%2B81-3-1234_%E5%B1%B1%E7%94%B0.wav");
    }
}
