package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.contracts.Problem;
import io.callrec.catalog.support.Bucket;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.Wav;
import io.callrec.contracts.ObjectKeys;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RecordingAudioTest {
    private static final Instant START = Instant.parse("2025-02-03T04:05:06Z");
    private static final UUID ID = UUID.randomUUID();
    private static final byte[] WAV = Wav.tone(16_000);
    private static boolean seeded;

    @BeforeEach
    void storeOnce() {
        if (seeded) {
            return;
        }
        String key = ObjectKeys.recording(ID, START);
        Bucket.put(key, WAV);
        Events.publish(Events.started(ID, Events.randomDevice(), "1001", "Alice", "0312345678", "山田 太郎", "out",
                START));
        Events.publish(Events.stored(ID, key, WAV.length, START.plusSeconds(2)));
        awaitStatus(ID, "available");
        seeded = true;
    }

    private static Response audio(String range) {
        var request = admin();
        if (range != null) {
            request.header("Range", range);
        }
        return request.get("/api/v1/recordings/{id}/audio", ID);
    }

    @Test
    void wholeFileWithoutRange() {
        Response response = audio(null);
        response.then().statusCode(200)
                .contentType("audio/wav")
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", String.valueOf(WAV.length));
        assertThat(response.asByteArray()).isEqualTo(WAV);
    }

    @Test
    void closedRangeIsExactBytes() {
        Response response = audio("bytes=1000-1999");
        response.then().statusCode(206)
                .header("Content-Range", "bytes 1000-1999/" + WAV.length)
                .header("Content-Length", "1000")
                .header("Accept-Ranges", "bytes");
        assertThat(response.asByteArray()).isEqualTo(Arrays.copyOfRange(WAV, 1000, 2000));
    }

    @Test
    void headerRangeStartsAtZero() {
        Response response = audio("bytes=0-43");
        response.then().statusCode(206).header("Content-Range", "bytes 0-43/" + WAV.length);
        assertThat(response.asByteArray()).isEqualTo(Arrays.copyOfRange(WAV, 0, 44));
    }

    @Test
    void openEndedRangeRunsToTheEnd() {
        Response response = audio("bytes=30000-");
        response.then().statusCode(206).header("Content-Range",
                "bytes 30000-" + (WAV.length - 1) + "/" + WAV.length);
        assertThat(response.asByteArray()).isEqualTo(Arrays.copyOfRange(WAV, 30000, WAV.length));
    }

    @Test
    void suffixRangeIsTheLastBytes() {
        Response response = audio("bytes=-100");
        response.then().statusCode(206).header("Content-Range",
                "bytes " + (WAV.length - 100) + "-" + (WAV.length - 1) + "/" + WAV.length);
        assertThat(response.asByteArray()).isEqualTo(Arrays.copyOfRange(WAV, WAV.length - 100, WAV.length));
    }

    @Test
    void rangePastTheEndIsClampedToTheFile() {
        Response response = audio("bytes=31990-99999");
        response.then().statusCode(206).header("Content-Range",
                "bytes 31990-" + (WAV.length - 1) + "/" + WAV.length);
        assertThat(response.asByteArray()).isEqualTo(Arrays.copyOfRange(WAV, 31990, WAV.length));
    }

    @Test
    void rangeBeyondTheFileIs416WithTheSize() {
        audio("bytes=" + WAV.length + "-").then()
                .statusCode(416)
                .header("Content-Range", "bytes */" + WAV.length)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString(WAV.length + " bytes"));
    }

    @Test
    void severalRangesGetTheWholeFile() {
        Response response = audio("bytes=0-9,20-29");
        response.then().statusCode(200);
        assertThat(response.asByteArray()).isEqualTo(WAV);
    }

    @Test
    void fileNameIsReadableInAnyScript() {
        String expected = "2025-02-03_04-05-06_out_1001_Alice_0312345678_山田-太郎.wav";
        String disposition = audio(null).header("Content-Disposition");
        assertThat(disposition).startsWith("inline; filename=\"2025-02-03_04-05-06_out_1001_Alice_0312345678_");
        assertThat(disposition).contains("filename*=UTF-8''" + java.net.URLEncoder.encode(expected,
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(admin().queryParam("download", true).get("/api/v1/recordings/{id}/audio", ID)
                .header("Content-Disposition")).startsWith("attachment; ");
    }

    @Test
    void recordingWithoutAudioIsANotFoundProblem() {
        UUID processing = UUID.randomUUID();
        Events.publish(Events.started(processing, Events.randomDevice(), "1001", "Alice", "2", "B", "in", START));
        Events.publish(Events.stopped(processing, "normal", START.plusSeconds(1)));
        awaitStatus(processing, "processing");
        admin().get("/api/v1/recordings/{id}/audio", processing).then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("Recording " + processing + " has no audio: its status is processing."));
    }
}
