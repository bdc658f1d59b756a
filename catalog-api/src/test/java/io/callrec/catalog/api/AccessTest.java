package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.anonymous;
import static io.callrec.catalog.support.Api.as;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.callrec.catalog.support.Bucket;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.Wav;
import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.Problem;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anonymous, user, other user and admin against every endpoint. */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class AccessTest {
    private static final Instant START = Instant.parse("2025-06-07T08:09:10Z");
    private static final String SESSION = "access-" + UUID.randomUUID();
    /** On alice's device. */
    private static final UUID ALICE_DEVICE = UUID.randomUUID();
    /** On another device, but alice's extension 1001. */
    private static final UUID ALICE_EXTENSION = UUID.randomUUID();
    /** bob's device and extension. */
    private static final UUID BOB = UUID.randomUUID();
    private static boolean seeded;
    private static Instant seededFrom;

    @BeforeEach
    void seedOnce() {
        if (seeded) {
            return;
        }
        seededFrom = Instant.now();
        publish(ALICE_DEVICE, "0c:38:3e:00:00:01", "1099");
        publish(ALICE_EXTENSION, Events.randomDevice(), "1001");
        publish(BOB, "0C-38-3E-00-00-02", "1002");
        seeded = true;
    }

    private static void publish(UUID id, String device, String localNumber) {
        String key = ObjectKeys.recording(id, START);
        Bucket.put(key, Wav.tone(50));
        Events.publish(new io.callrec.contracts.SessionEvent("started", id, SESSION, device, "192.0.2.1",
                localNumber, "L", "200", "R", "in", "PCMU", "127.0.0.1", 40000, null, START));
        Events.publish(Events.stored(id, key, 144, START.plusSeconds(1)));
        awaitStatus(id, "available");
    }

    private static List<String> listed(String user) {
        return listed(user, Map.of());
    }

    private static List<String> listed(String user, Map<String, ?> filters) {
        return as(user).queryParam("sessionId", SESSION).queryParams(filters).get("/api/v1/recordings").then()
                .statusCode(200).extract().jsonPath().getList("items.id");
    }

    @Test
    void anonymousCallersMustLogInEverywhereUnderApiAndForUploads() {
        String id = ALICE_DEVICE.toString();
        anonymous().get("/api/v1/recordings").then().statusCode(401).header("WWW-Authenticate",
                org.hamcrest.Matchers.matchesPattern("(?i)basic.*"));
        anonymous().get("/api/v1/recordings/" + id).then().statusCode(401);
        anonymous().get("/api/v1/recordings/" + id + "/audio").then().statusCode(401);
        anonymous().contentType(ContentType.JSON).body("{\"protected\": true}")
                .put("/api/v1/recordings/" + id + "/protection").then().statusCode(401);
        anonymous().delete("/api/v1/recordings/" + id).then().statusCode(401);
        anonymous().get("/api/v1/settings/retention").then().statusCode(401);
        anonymous().get("/api/v1/audit").then().statusCode(401);
        anonymous().get("/api/v1/imports/" + id).then().statusCode(401);
        anonymous().get("/api/v1/me").then().statusCode(401);
        anonymous().body(new byte[] {1}).put("/recordings/Files/x.pcap").then().statusCode(401);
        admin().get("/api/v1/recordings/" + id).then().statusCode(200);
    }

    @Test
    void wrongPasswordIsRefused() {
        io.restassured.RestAssured.given().auth().preemptive().basic("alice", "bob")
                .get("/api/v1/recordings").then().statusCode(401);
    }

    @Test
    void userSeesTheRecordingsOfTheirDevicesAndExtensionsOnly() {
        assertThat(listed("alice")).containsExactlyInAnyOrder(ALICE_DEVICE.toString(), ALICE_EXTENSION.toString());
        assertThat(listed("bob")).containsExactly(BOB.toString());
        assertThat(listed("admin")).containsExactlyInAnyOrder(ALICE_DEVICE.toString(), ALICE_EXTENSION.toString(),
                BOB.toString());
    }

    @Test
    void whatWasStoredSinceIsListedWithinTheSameRights() {
        Map<String, String> since = Map.of("storedSince", seededFrom.toString());
        assertThat(listed("alice", since)).containsExactlyInAnyOrder(ALICE_DEVICE.toString(),
                ALICE_EXTENSION.toString());
        assertThat(listed("bob", since)).containsExactly(BOB.toString());
    }

    @Test
    void userAskingForAnotherUsersRecordingGets404() {
        as("alice").get("/api/v1/recordings/{id}", BOB).then().statusCode(404)
                .body("detail", equalTo("Recording " + BOB + " does not exist."));
        as("alice").get("/api/v1/recordings/{id}/audio", BOB).then().statusCode(404);
        as("alice").contentType(ContentType.JSON).body("{\"protected\": true}")
                .put("/api/v1/recordings/{id}/protection", BOB).then().statusCode(404);
        as("alice").delete("/api/v1/recordings/{id}", BOB).then().statusCode(404);
        as("bob").get("/api/v1/recordings/{id}", BOB).then().statusCode(200).body("status", equalTo("available"))
                .body("protected", equalTo(false));
    }

    @Test
    void userActsOnTheirOwnRecordings() {
        as("bob").get("/api/v1/recordings/{id}/audio", BOB).then().statusCode(200);
        as("alice").get("/api/v1/recordings/{id}", ALICE_EXTENSION).then().statusCode(200);
    }

    @Test
    void usersCannotReachAdminEndpoints() {
        as("alice").get("/api/v1/settings/retention").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE).body("type", equalTo("urn:callrec:problem:forbidden"))
                .body("detail", containsString("role may not use this endpoint"));
        as("alice").get("/api/v1/audit").then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        admin().get("/api/v1/audit").then().statusCode(200);
    }

    @Test
    void pbxAccountMayOnlyUpload() {
        as("pbx").get("/api/v1/recordings").then().statusCode(403).body("status", equalTo(403));
        as("pbx").get("/api/v1/recordings/{id}", ALICE_DEVICE).then().statusCode(403);
    }

    @Test
    void callerLearnsWhoTheyAreAndWhatIsAssignedToThem() {
        as("alice").get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("alice")).body("admin", equalTo(false))
                .body("devices", hasItem("0c:38:3e:00:00:01")).body("extensions", hasItem("1001"));
        admin().get("/api/v1/me").then().body("admin", equalTo(true)).body("roles", hasItem("admin"));
    }

    @Test
    void webPageNeedsNoLoginAndHealthAndMetricsAreNotOnThePublicPort() {
        anonymous().get("/").then().statusCode(200).contentType(containsString("text/html"));
        anonymous().get("/q/health/ready").then().statusCode(404);
        anonymous().get("/q/metrics").then().statusCode(404);
        admin().get("/q/metrics").then().statusCode(404);
    }
}
