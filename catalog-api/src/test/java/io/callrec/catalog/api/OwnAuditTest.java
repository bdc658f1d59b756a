package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.catalog.support.AliceRecordings;
import io.callrec.contracts.Problem;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A recording's own audit for whoever may see it, and each person's own activity. */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class OwnAuditTest {
    private static final Instant START = Instant.parse("2025-06-07T08:09:10Z");

    @Test
    void recordingAuditShowsEveryonesActionsOnItToWhoeverMaySeeIt() {
        UUID id = AliceRecordings.available(START);
        as("alice").get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);
        admin().contentType(ContentType.JSON).body("{\"held\": true}")
                .put("/api/v1/recordings/{id}/legal-hold", id).then().statusCode(200);

        JsonPath page = as("alice").get("/api/v1/recordings/{id}/audit", id).then().statusCode(200)
                .body("total", equalTo(2)).extract().jsonPath();
        assertThat(page.getList("items.action")).containsExactly("legal-hold", "listen");
        assertThat(page.getList("items.actor")).containsExactly("admin", "alice");
        assertThat(page.getList("items.recordingId")).containsOnly(id.toString());

        as("bob").get("/api/v1/recordings/{id}/audit", id).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        admin().get("/api/v1/recordings/{id}/audit", id).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void usersReadTheirOwnActivityOnly() {
        UUID id = AliceRecordings.available(START);
        as("alice").queryParam("download", true).get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);
        admin().get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);

        JsonPath mine = as("alice").queryParam("actor", "me").queryParam("recordingId", id.toString())
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("items.action")).containsExactly("download");
        assertThat(as("alice").queryParam("actor", "me").queryParam("size", 200).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items.actor")).containsOnly("alice");

        as("alice").get("/api/v1/audit").then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        as("alice").queryParam("actor", "admin").get("/api/v1/audit").then().statusCode(403);
        as("bob").queryParam("actor", "alice").get("/api/v1/audit").then().statusCode(403);
        as("alice").get("/api/v1/audit/verification").then().statusCode(403);
    }

    @Test
    void adminsReadTheirOwnActivityAndAnyoneElses() {
        UUID id = AliceRecordings.available(START);
        as("alice").get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);
        admin().get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);

        assertThat(admin().queryParam("actor", "me").queryParam("recordingId", id.toString()).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items.actor")).containsExactly("admin");
        assertThat(admin().queryParam("actor", "alice").queryParam("recordingId", id.toString())
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items.actor"))
                .containsExactly("alice");
    }
}
