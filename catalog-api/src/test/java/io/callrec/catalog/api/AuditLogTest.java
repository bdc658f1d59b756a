package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.contracts.Problem;
import io.callrec.catalog.support.AliceRecordings;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class AuditLogTest {
    private static final Instant START = Instant.parse("2025-05-06T07:08:09Z");

    /** A recording of alice's device that alice listens to, downloads, protects, unprotects and deletes. */
    private static UUID recordingAliceWorkedOn() {
        UUID id = AliceRecordings.available(START);
        as("alice").get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);
        as("alice").header("Range", "bytes=100-").get("/api/v1/recordings/{id}/audio", id).then().statusCode(206);
        as("alice").queryParam("download", true).get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);
        for (boolean value : new boolean[] {true, false}) {
            as("alice").contentType(ContentType.JSON).body("{\"protected\": " + value + "}")
                    .put("/api/v1/recordings/{id}/protection", id).then().statusCode(200);
        }
        as("alice").delete("/api/v1/recordings/{id}", id).then().statusCode(204);
        return id;
    }

    @Test
    void recordsWhoListenedDownloadedProtectedAndDeletedWhatNewestFirst() {
        UUID id = recordingAliceWorkedOn();

        var page = admin().queryParam("recordingId", id.toString()).get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(5))
                .extract().jsonPath();
        assertThat(page.getList("items.action")).containsExactly("delete", "unprotect", "protect", "download",
                "listen");
        assertThat(page.getList("items.actor", String.class)).containsOnly("alice");
        assertThat(page.getList("items.recordingId", String.class)).containsOnly(id.toString());
        assertThat(Instant.parse(page.getString("items[0].at"))).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void filtersByActorActionAndTimeAndPages() {
        UUID id = recordingAliceWorkedOn();
        admin().queryParam("actor", "alice").queryParam("action", "download").queryParam("size", 1)
                .get("/api/v1/audit").then().statusCode(200)
                .body("size", equalTo(1))
                .body("items.size()", equalTo(1))
                .body("items[0].recordingId", equalTo(id.toString()));
        List<String> recordingIds = admin().queryParam("recordingId", id.toString())
                .queryParam("from", Instant.now().plusSeconds(3600).toString()).get("/api/v1/audit")
                .jsonPath().getList("items");
        assertThat(recordingIds).isEmpty();
        admin().queryParam("recordingId", id.toString()).queryParam("size", 2).queryParam("page", 2)
                .get("/api/v1/audit").then().body("items.action", org.hamcrest.Matchers.contains("listen"))
                .body("total", equalTo(5));
    }

    @Test
    void badFiltersAreProblemDocuments() {
        admin().queryParam("action", "sing").get("/api/v1/audit").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("action must be one of listen"));
        admin().queryParam("recordingId", "42").get("/api/v1/audit").then().statusCode(400)
                .body("detail", containsString("recordingId must be a UUID"));
        admin().queryParam("from", "last week").get("/api/v1/audit").then().statusCode(400)
                .body("detail", containsString("from must be an ISO-8601"));
    }

    @Test
    void onlyAdminsReadTheAuditLog() {
        as("alice").get("/api/v1/audit").then().statusCode(403);
    }
}
