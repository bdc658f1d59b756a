package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.contracts.Problem;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.Indexing;
import io.callrec.contracts.ObjectKeys;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RecordingListTest {
    private static final String DEVICE = Events.randomDevice();
    private static final UUID AVAILABLE = UUID.randomUUID();
    private static final UUID PROCESSING = UUID.randomUUID();
    private static final UUID RECORDING = UUID.randomUUID();
    private static final UUID FAILED = UUID.randomUUID();
    private static final UUID DELETED = UUID.randomUUID();
    private static boolean seeded;
    private static Instant seededFrom;

    /** Five recordings on one device, one in each status. */
    @BeforeEach
    void seedOnce() {
        if (seeded) {
            return;
        }
        seededFrom = Instant.now();
        record(AVAILABLE, "3001", "Tanaka", "0311112222", "山田太郎", "out", "2025-01-10T08:00:00Z", true);
        record(PROCESSING, "3001", "Tanaka", "0455556666", "Müller GmbH", "in", "2025-01-11T09:00:00Z", false);
        Events.publish(Events.stopped(PROCESSING, "normal", Instant.parse("2025-01-11T09:01:00Z")));
        record(RECORDING, "3002", "Suzuki", "0311113333", "佐藤花子", "in", "2025-01-12T10:00:00Z", false);
        record(FAILED, "3002", "Suzuki", "09099990000", "Shop_100%", "out", "2025-01-13T11:00:00Z", false);
        Events.publish(Events.failed(FAILED, "no audio", Instant.parse("2025-01-13T11:05:00Z")));
        record(DELETED, "3001", "Tanaka", "0311112222", "山田太郎", "in", "2025-01-14T12:00:00Z", true);
        awaitStatus(DELETED, "available");
        admin().delete("/api/v1/recordings/{id}", DELETED).then().statusCode(204);
        Indexing.awaitAllIndexed();
        seeded = true;
    }

    private static void record(UUID id, String localNumber, String localName, String remoteNumber,
                               String remoteName, String direction, String startedAt, boolean stored) {
        Instant start = Instant.parse(startedAt);
        Events.publish(Events.started(id, DEVICE, localNumber, localName, remoteNumber, remoteName, direction,
                start));
        if (stored) {
            Events.publish(Events.stored(id, ObjectKeys.recording(id, start), 100, start.plusSeconds(60)));
        }
    }

    private static ValidatableResponse list(Map<String, ?> parameters) {
        return admin().queryParams(parameters).queryParam("device", DEVICE)
                .get("/api/v1/recordings").then().statusCode(200);
    }

    private static List<String> ids(Map<String, ?> parameters) {
        return list(parameters).extract().jsonPath().getList("items.id");
    }

    @Test
    void listsADevicesRecordingsNewestFirstWithoutDeletedOnes() {
        list(Map.of()).body("total", equalTo(4)).body("page", equalTo(0)).body("size", equalTo(50))
                .body("items.id", contains(FAILED.toString(), RECORDING.toString(), PROCESSING.toString(),
                        AVAILABLE.toString()));
    }

    @Test
    void deviceMatchesInAnySpelling() {
        String bare = DEVICE.replace(":", "").toUpperCase();
        assertThat(admin().queryParam("device", bare).get("/api/v1/recordings").jsonPath().getInt("total"))
                .isEqualTo(4);
    }

    @Test
    void deletedRecordingsKeepNoDeviceSoNoDeviceListFindsThem() {
        assertThat(ids(Map.of("status", "deleted"))).isEmpty();
        assertThat(ids(Map.of())).doesNotContain(DELETED.toString());
    }

    @Test
    void filtersByStatus() {
        assertThat(ids(Map.of("status", "available"))).containsExactly(AVAILABLE.toString());
        assertThat(ids(Map.of("status", "processing"))).containsExactly(PROCESSING.toString());
        assertThat(ids(Map.of("status", "recording"))).containsExactly(RECORDING.toString());
        assertThat(ids(Map.of("status", "failed"))).containsExactly(FAILED.toString());
    }

    @Test
    void filtersBySessionIdLocalAndRemoteNumberAndDirection() {
        assertThat(ids(Map.of("sessionId", "phone-" + RECORDING.toString().substring(0, 8))))
                .containsExactly(RECORDING.toString());
        assertThat(ids(Map.of("localNumber", "3002"))).containsExactly(FAILED.toString(), RECORDING.toString());
        assertThat(ids(Map.of("remoteNumber", "0311112222"))).containsExactly(AVAILABLE.toString());
        assertThat(ids(Map.of("direction", "in"))).containsExactly(RECORDING.toString(), PROCESSING.toString());
    }

    @Test
    void qFindsSubstringsOfNamesAndNumbersInAnyScriptAndCase() {
        assertThat(ids(Map.of("q", "山田"))).containsExactly(AVAILABLE.toString());
        assertThat(ids(Map.of("q", "花子"))).containsExactly(RECORDING.toString());
        assertThat(ids(Map.of("q", "MÜLLER"))).containsExactly(PROCESSING.toString());
        assertThat(ids(Map.of("q", "suzu"))).containsExactly(FAILED.toString(), RECORDING.toString());
        assertThat(ids(Map.of("q", "1111"))).containsExactly(RECORDING.toString(), AVAILABLE.toString());
    }

    @Test
    void qTakesLikeWildcardsLiterally() {
        assertThat(ids(Map.of("q", "100%"))).containsExactly(FAILED.toString());
        assertThat(ids(Map.of("q", "p_1"))).containsExactly(FAILED.toString());
        assertThat(ids(Map.of("q", "%"))).containsExactly(FAILED.toString());
    }

    @Test
    void qDoesNotMatchAcrossTwoFields() {
        assertThat(ids(Map.of("q", "tanaka0311"))).isEmpty();
    }

    @Test
    void filtersByDateRangeWithWholeDaysOrInstants() {
        assertThat(ids(Map.of("from", "2025-01-11", "to", "2025-01-12")))
                .containsExactly(RECORDING.toString(), PROCESSING.toString());
        assertThat(ids(Map.of("from", "2025-01-12T10:00:00Z"))).containsExactly(FAILED.toString(),
                RECORDING.toString());
        assertThat(ids(Map.of("to", "2025-01-11T10:30:00+01:00"))).containsExactly(PROCESSING.toString(),
                AVAILABLE.toString());
    }

    @Test
    void sortsByAnyListedFieldEitherWay() {
        assertThat(ids(Map.of("sort", "startedAt,asc"))).containsExactly(AVAILABLE.toString(),
                PROCESSING.toString(), RECORDING.toString(), FAILED.toString());
        assertThat(ids(Map.of("sort", "remoteNumber,asc"))).containsExactly(AVAILABLE.toString(),
                RECORDING.toString(), PROCESSING.toString(), FAILED.toString());
        assertThat(ids(Map.of("sort", "status,asc"))).first().isEqualTo(AVAILABLE.toString());
        // Only the available one has been stored; the others follow it, as rows without a value always do.
        assertThat(ids(Map.of("sort", "storedAt,desc"))).first().isEqualTo(AVAILABLE.toString());
    }

    @Test
    void storedAtIsWhenTheCatalogListedTheRecordingAsAvailableNotWhenTheCallEnded() {
        // The stored event says 2025-01-10T08:01:00Z: the end of the call's audio.
        assertThat(storedAt(AVAILABLE)).isBetween(seededFrom, Instant.now());
    }

    @Test
    void storedSinceListsWhatBecameAvailableAtOrAfterIt() {
        Instant storedAt = storedAt(AVAILABLE);
        assertThat(ids(Map.of("status", "available", "sort", "storedAt,asc", "storedSince", storedAt.toString())))
                .containsExactly(AVAILABLE.toString());
        assertThat(ids(Map.of("storedSince", storedAt.plusMillis(1).toString()))).isEmpty();
        // Only the available one has been stored: the others have no storedAt.
        assertThat(ids(Map.of("storedSince", storedAt.minusSeconds(1).toString())))
                .containsExactly(AVAILABLE.toString());
    }

    private static Instant storedAt(UUID id) {
        return Instant.parse(admin().get("/api/v1/recordings/{id}", id).then().statusCode(200).extract().jsonPath()
                .getString("storedAt"));
    }

    @Test
    void pagesThroughResults() {
        list(Map.of("size", 3, "page", 1)).body("total", equalTo(4)).body("page", equalTo(1))
                .body("size", equalTo(3)).body("items.id", contains(AVAILABLE.toString()));
        list(Map.of("size", 3, "page", 2)).body("total", equalTo(4)).body("items.size()", equalTo(0));
    }

    @Test
    void recordingJsonHasExactlyTheDocumentedNames() {
        Map<String, Object> item = list(Map.of("status", "available")).extract().jsonPath().getMap("items[0]");
        assertThat(item).containsOnlyKeys("id", "sessionId", "device", "localNumber", "localName", "remoteNumber",
                "remoteName", "direction", "codec", "status", "stopReason", "failureReason", "startedAt", "stoppedAt",
                "storedAt", "durationMs", "sampleRate", "channels", "sizeBytes", "sha256", "protected", "legalHold",
                "packetsReceived",
                "packetsLost", "packetsDuplicate", "packetsLate", "audioUrl");
    }

    @Test
    void badParametersAreProblemDocumentsThatSayWhatIsWrong() {
        problem(Map.of("from", "yesterday"), "from must be an ISO-8601 date");
        problem(Map.of("to", "2025-13-01"), "to must be an ISO-8601 date");
        problem(Map.of("storedSince", "last tuesday"), "storedSince must be an ISO-8601 date");
        problem(Map.of("sort", "password,asc"), "Cannot sort by 'password'");
        problem(Map.of("sort", "startedAt,sideways"), "Sort order must be asc or desc");
        problem(Map.of("size", 201), "size must be between 1 and 200");
        problem(Map.of("size", "many"), "size must be a whole number");
        problem(Map.of("page", -1), "page must be between 0 and 10000000");
        problem(Map.of("direction", "up"), "direction must be in or out");
        problem(Map.of("status", "lost"), "status must be one of recording, processing, failed, available, deleted");
    }

    private static void problem(Map<String, ?> parameters, String detail) {
        admin().queryParams(parameters).get("/api/v1/recordings").then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:callrec:problem:invalid-parameter"))
                .body("title", equalTo("Invalid parameter"))
                .body("status", equalTo(400))
                .body("detail", containsString(detail));
    }

    @Test
    void unknownIdIsANotFoundProblem() {
        UUID unknown = UUID.randomUUID();
        admin().get("/api/v1/recordings/{id}", unknown).then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("detail", equalTo("Recording " + unknown + " does not exist."));
        admin().get("/api/v1/recordings/{id}", "not-a-uuid").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("is not a recording id"));
    }
}
