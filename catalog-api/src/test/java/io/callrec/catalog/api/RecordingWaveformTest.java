package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.catalog.support.Bucket;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.Wav;
import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.Problem;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RecordingWaveformTest {
    private static final Instant START = Instant.parse("2025-03-04T05:06:07Z");
    private static final String ALICE_DEVICE = "0c:38:3e:00:00:01";

    /** An available recording of Alice's device whose WAV is {@code wav}; returns its id. */
    private static UUID availableRecording(byte[] wav) {
        UUID id = UUID.randomUUID();
        String key = ObjectKeys.recording(id, START);
        Bucket.put(key, wav);
        Events.publish(Events.started(id, ALICE_DEVICE, "1001", "Alice", "0312345678", "Bob", "out", START));
        Events.publish(Events.stored(id, key, wav.length, START.plusSeconds(2)));
        awaitStatus(id, "available");
        return id;
    }

    private static JsonPath waveform(UUID id) {
        return as("alice").get("/api/v1/recordings/{id}/waveform", id)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void stereoPeaksPerChannelInAThousandSlices() {
        UUID id = availableRecording(Wav.sines(16_000, 0.5, 0.25));

        JsonPath waveform = waveform(id);

        assertThat(waveform.getInt("channels")).isEqualTo(2);
        assertThat(waveform.getLong("durationMs")).isEqualTo(2000);
        List<Float> left = waveform.getList("peaks[0]", Float.class);
        List<Float> right = waveform.getList("peaks[1]", Float.class);
        assertThat(left).hasSize(1000).containsOnly(0.5f);
        assertThat(right).hasSize(1000).containsOnly(0.25f);
    }

    @Test
    void shortRecordingHasOneSlicePerFrame() {
        UUID id = availableRecording(Wav.sines(8, 0.75));

        JsonPath waveform = waveform(id);

        assertThat(waveform.getInt("channels")).isEqualTo(1);
        assertThat(waveform.getLong("durationMs")).isEqualTo(1);
        assertThat(waveform.getList("peaks[0]", Float.class)).containsExactly(0f, 0.53f, 0.75f, 0.53f, 0f, 0.53f,
                0.75f, 0.53f);
    }

    @Test
    void computedOnceThenServedWithoutTheWav() {
        UUID id = availableRecording(Wav.sines(16_000, 0.5));
        waveform(id);

        // The WAV now holds silence: an answer computed again would be all zeros.
        Bucket.put(ObjectKeys.recording(id, START), Wav.sines(16_000, 0.0));

        assertThat(waveform(id).getList("peaks[0]", Float.class)).hasSize(1000).containsOnly(0.5f);
    }

    @Test
    void othersRecordingsAreNotFound() {
        UUID id = availableRecording(Wav.sines(800, 0.5));

        as("bob").get("/api/v1/recordings/{id}/waveform", id).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        admin().get("/api/v1/recordings/{id}/waveform", id).then().statusCode(200).body("channels", equalTo(1));
    }

    @Test
    void recordingWithoutAudioIsAConflict() {
        UUID id = UUID.randomUUID();
        Events.publish(Events.started(id, ALICE_DEVICE, "1001", "Alice", "0312345678", "Bob", "out", START));
        awaitStatus(id, "recording");

        as("alice").get("/api/v1/recordings/{id}/waveform", id).then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:callrec:problem:conflict"));
    }
}
