package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.contracts.Problem;
import io.callrec.catalog.support.AliceRecordings;
import io.callrec.catalog.support.Bucket;
import io.callrec.catalog.support.Database;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.Wav;
import io.callrec.contracts.ObjectKeys;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RecordingDeletionTest {
    private static final Instant START = Instant.parse("2025-04-05T06:07:08Z");

    /** An available recording whose WAV is in the bucket; returns its object key. */
    private static String storedRecording(UUID id) {
        String key = ObjectKeys.recording(id, START);
        Bucket.put(key, Wav.tone(800));
        Events.publish(Events.started(id, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", START));
        Events.publish(Events.stored(id, key, 1644, START.plusSeconds(1)));
        awaitStatus(id, "available");
        return key;
    }

    private static void protect(UUID id, boolean value) {
        admin().contentType(ContentType.JSON).body("{\"protected\": " + value + "}")
                .put("/api/v1/recordings/{id}/protection", id)
                .then().statusCode(200).body("protected", equalTo(value));
    }

    @Test
    void protectedRecordingCannotBeDeletedUntilUnprotected() {
        UUID id = UUID.randomUUID();
        String key = storedRecording(id);
        protect(id, true);

        admin().delete("/api/v1/recordings/{id}", id).then()
                .statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("is protected"));
        admin().get("/api/v1/recordings/{id}", id).then().body("status", equalTo("available"))
                .body("protected", equalTo(true));
        assertThat(Bucket.exists(key)).isTrue();

        protect(id, false);
        admin().delete("/api/v1/recordings/{id}", id).then().statusCode(204);
        assertThat(Bucket.exists(key)).isFalse();
    }

    @Test
    void deletedRecordingIsGoneAndItsRowKeepsNoNamesOrNumbers() throws SQLException {
        UUID id = UUID.randomUUID();
        String key = storedRecording(id);
        admin().delete("/api/v1/recordings/{id}", id).then().statusCode(204);

        admin().get("/api/v1/recordings/{id}", id).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        admin().get("/api/v1/recordings/{id}/audio", id).then().statusCode(404);
        assertThat(Bucket.exists(key)).isFalse();
        try (Connection db = Database.ownerConnection(); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT session_id, device, source_ip, local_number, local_name,"
                     + " remote_number, remote_name, search_text, status FROM recording WHERE id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            for (int column = 1; column <= 8; column++) {
                assertThat(row.getString(column)).as("column " + column).isNull();
            }
            assertThat(row.getString("status")).isEqualTo("deleted");
        }
        admin().queryParam("recordingId", id.toString()).queryParam("action", "delete").get("/api/v1/audit")
                .then().body("total", equalTo(1)).body("items[0].actor", equalTo("admin"));
    }

    @Test
    void aUserCannotLiftAnAdminsLegalHoldNorDeleteTheHeldRecording() {
        UUID id = AliceRecordings.available(START);
        admin().contentType(ContentType.JSON).body("{\"held\": true}").put("/api/v1/recordings/{id}/legal-hold", id)
                .then().statusCode(200).body("legalHold", equalTo(true));

        as("alice").contentType(ContentType.JSON).body("{\"held\": false}")
                .put("/api/v1/recordings/{id}/legal-hold", id).then().statusCode(403);
        as("alice").contentType(ContentType.JSON).body("{\"protected\": false}")
                .put("/api/v1/recordings/{id}/protection", id).then().statusCode(200);
        as("alice").delete("/api/v1/recordings/{id}", id).then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("legal hold"));
        admin().delete("/api/v1/recordings/{id}", id).then().statusCode(409);
        as("alice").get("/api/v1/recordings/{id}", id).then().statusCode(200)
                .body("status", equalTo("available")).body("legalHold", equalTo(true));

        admin().contentType(ContentType.JSON).body("{\"held\": false}").put("/api/v1/recordings/{id}/legal-hold", id)
                .then().statusCode(200).body("legalHold", equalTo(false));
        as("alice").delete("/api/v1/recordings/{id}", id).then().statusCode(204);
    }

    @Test
    void deletingTwiceIsHarmless() {
        UUID id = UUID.randomUUID();
        storedRecording(id);
        admin().delete("/api/v1/recordings/{id}", id).then().statusCode(204);
        admin().delete("/api/v1/recordings/{id}", id).then().statusCode(204);
    }

    @Test
    void deletedRecordingCannotBeProtected() {
        UUID id = UUID.randomUUID();
        storedRecording(id);
        admin().delete("/api/v1/recordings/{id}", id).then().statusCode(204);
        admin().contentType(ContentType.JSON).body("{\"protected\": true}")
                .put("/api/v1/recordings/{id}/protection", id)
                .then().statusCode(409).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void protectionNeedsATrueOrFalseBody() {
        UUID id = UUID.randomUUID();
        storedRecording(id);
        for (String body : new String[] {"{}", "{\"protected\": null}", "{\"protected\": \"maybe\"}", "not json"}) {
            admin().contentType(ContentType.JSON).body(body)
                    .put("/api/v1/recordings/{id}/protection", id)
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void unknownRecordingsCannotBeProtectedOrDeleted() {
        UUID unknown = UUID.randomUUID();
        admin().delete("/api/v1/recordings/{id}", unknown).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        admin().contentType(ContentType.JSON).body("{\"protected\": true}")
                .put("/api/v1/recordings/{id}/protection", unknown)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}
