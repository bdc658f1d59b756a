package io.callrec.catalog.service;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.contracts.Problem;
import io.callrec.catalog.support.Bucket;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.Wav;
import io.callrec.contracts.ObjectKeys;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RetentionJobTest {
    /** Twenty years: old enough that no other test's recordings fall under it. */
    private static final int DAYS = 7300;

    @Inject
    RetentionJob job;

    @AfterEach
    void keepForEver() {
        setDays(0);
    }

    private static void setDays(int days) {
        admin().contentType(ContentType.JSON).body("{\"days\": " + days + "}")
                .put("/api/v1/settings/retention").then().statusCode(200).body("days", equalTo(days));
    }

    private static String storedRecording(UUID id, Instant start) {
        String key = ObjectKeys.recording(id, start);
        Bucket.put(key, Wav.tone(100));
        Events.publish(Events.started(id, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", start));
        Events.publish(Events.stored(id, key, 244, start.plusSeconds(1)));
        awaitStatus(id, "available");
        return key;
    }

    @Test
    void adminReadsAndSetsTheRetentionDays() {
        admin().get("/api/v1/settings/retention").then().statusCode(200).body("days", equalTo(0));
        setDays(90);
        admin().get("/api/v1/settings/retention").then().body("days", equalTo(90));
        admin().queryParam("action", "set-retention").queryParam("actor", "admin").get("/api/v1/audit")
                .then().body("items[0].detail", equalTo("90 days"));
    }

    @Test
    void retentionDaysMustBeAWholeNumberFromZero() {
        for (String body : new String[] {"{\"days\": -1}", "{\"days\": 36501}", "{\"days\": \"ten\"}", "{}"}) {
            admin().contentType(ContentType.JSON).body(body).put("/api/v1/settings/retention")
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void onlyAdminsSeeOrChangeRetention() {
        as("alice").get("/api/v1/settings/retention").then().statusCode(403);
        as("alice").contentType(ContentType.JSON).body("{\"days\": 1}").put("/api/v1/settings/retention")
                .then().statusCode(403);
    }

    @Test
    void jobDeletesUnprotectedRecordingsOlderThanTheRetentionWithTheirObjects() {
        Instant old = Instant.now().minus(Duration.ofDays(DAYS + 30));
        UUID expired = UUID.randomUUID();
        UUID protectedOld = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        String expiredKey = storedRecording(expired, old);
        String protectedKey = storedRecording(protectedOld, old);
        String recentKey = storedRecording(recent, Instant.now().minus(Duration.ofDays(DAYS - 30)));
        admin().contentType(ContentType.JSON).body("{\"protected\": true}")
                .put("/api/v1/recordings/{id}/protection", protectedOld).then().statusCode(200);
        setDays(DAYS);

        job.run();

        admin().get("/api/v1/recordings/{id}", expired).then().statusCode(404);
        assertThat(Bucket.exists(expiredKey)).isFalse();
        admin().get("/api/v1/recordings/{id}", protectedOld).then().body("status", equalTo("available"));
        assertThat(Bucket.exists(protectedKey)).isTrue();
        admin().get("/api/v1/recordings/{id}", recent).then().body("status", equalTo("available"));
        assertThat(Bucket.exists(recentKey)).isTrue();
        admin().queryParam("recordingId", expired.toString()).get("/api/v1/audit").then()
                .body("total", equalTo(1))
                .body("items[0].action", equalTo("retention-delete"))
                .body("items[0].actor", equalTo(RetentionService.ACTOR));
    }

    @Test
    void zeroDaysKeepsEverything() {
        UUID ancient = UUID.randomUUID();
        storedRecording(ancient, Instant.parse("2001-01-01T00:00:00Z"));
        setDays(0);

        job.run();

        admin().get("/api/v1/recordings/{id}", ancient).then().body("status", equalTo("available"));
    }
}
