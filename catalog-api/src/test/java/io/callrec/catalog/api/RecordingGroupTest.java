package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.callrec.catalog.support.Events;
import io.callrec.contracts.Problem;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Carol (a user with no configured devices) gets recordings groups from an admin. */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RecordingGroupTest {
    private static final Instant START = Instant.parse("2025-07-08T09:10:11Z");

    private static UUID recording(String device, String localNumber) {
        UUID id = UUID.randomUUID();
        Events.publish(Events.started(id, device, localNumber, "Dave", "0300000000", "Erin", "in", START));
        awaitStatus(id, "recording");
        return id;
    }

    private static void setGroup(String user, String body) {
        admin().contentType(ContentType.JSON).body(body).put("/api/v1/groups/{user}", user).then().statusCode(200);
    }

    @AfterEach
    void removeCarolsGroup() {
        admin().delete("/api/v1/groups/carol").then().statusCode(204);
    }

    @Test
    void aGroupsDevicesAndExtensionsAddToWhatTheUserSees() {
        String device = Events.randomDevice();
        String extension = String.valueOf(5000 + (int) (Math.random() * 4000));
        UUID byDevice = recording(device, "7777");
        UUID byExtension = recording(Events.randomDevice(), extension);
        as("carol").get("/api/v1/recordings/{id}", byDevice).then().statusCode(404);
        as("carol").get("/api/v1/recordings/{id}", byExtension).then().statusCode(404);

        admin().contentType(ContentType.JSON)
                .body("{\"devices\": [\"" + device.toUpperCase(Locale.ROOT).replace(':', '-') + "\"], "
                        + "\"extensions\": [\" " + extension + "\", \"" + extension + "\"]}")
                .put("/api/v1/groups/carol").then().statusCode(200)
                .body("user", equalTo("carol"))
                .body("devices", org.hamcrest.Matchers.contains(device))
                .body("extensions", org.hamcrest.Matchers.contains(extension));

        as("carol").get("/api/v1/recordings/{id}", byDevice).then().statusCode(200);
        as("carol").get("/api/v1/recordings/{id}", byExtension).then().statusCode(200);
        as("carol").queryParam("device", device).get("/api/v1/recordings").then().statusCode(200)
                .body("items.id", hasItem(byDevice.toString()));
        as("carol").get("/api/v1/me").then().body("devices", hasItem(device)).body("extensions", hasItem(extension));
        admin().get("/api/v1/groups").then().statusCode(200)
                .body("find { it.user == 'carol' }.devices", org.hamcrest.Matchers.contains(device));

        setGroup("carol", "{\"devices\": [], \"extensions\": [\"" + extension + "\"]}");
        as("carol").get("/api/v1/recordings/{id}", byDevice).then().statusCode(404);
        as("carol").get("/api/v1/recordings/{id}", byExtension).then().statusCode(200);

        admin().delete("/api/v1/groups/carol").then().statusCode(204);
        as("carol").get("/api/v1/recordings/{id}", byExtension).then().statusCode(404);
        admin().get("/api/v1/groups").then().body("user", not(hasItem("carol")));
    }

    @Test
    void aGroupAddsToTheConfiguredAssignments() {
        String device = Events.randomDevice();
        UUID grouped = recording(device, "7778");
        UUID configured = recording("0c:38:3e:00:00:01", "1001");
        admin().contentType(ContentType.JSON).body("{\"devices\": [\"" + device + "\"], \"extensions\": []}")
                .put("/api/v1/groups/alice").then().statusCode(200);
        try {
            as("alice").get("/api/v1/recordings/{id}", grouped).then().statusCode(200);
            as("alice").get("/api/v1/recordings/{id}", configured).then().statusCode(200);
        } finally {
            admin().delete("/api/v1/groups/alice").then().statusCode(204);
        }
        as("alice").get("/api/v1/recordings/{id}", grouped).then().statusCode(404);
    }

    @Test
    void onlyAdminsReadOrChangeGroups() {
        setGroup("carol", "{\"devices\": [\"0c:38:3e:00:00:09\"], \"extensions\": []}");

        as("carol").get("/api/v1/groups").then().statusCode(403);
        as("alice").get("/api/v1/groups").then().statusCode(403);
        as("carol").contentType(ContentType.JSON).body("{\"devices\": [\"0c:38:3e:00:00:01\"], \"extensions\": []}")
                .put("/api/v1/groups/carol").then().statusCode(403);
        as("alice").delete("/api/v1/groups/carol").then().statusCode(403);
        admin().get("/api/v1/groups").then().body("find { it.user == 'carol' }.devices",
                org.hamcrest.Matchers.contains("0c:38:3e:00:00:09"));
    }

    @Test
    void changesAreAudited() {
        setGroup("carol", "{\"devices\": [\"0c:38:3e:00:00:0a\"], \"extensions\": [\"4321\"]}");
        admin().delete("/api/v1/groups/carol").then().statusCode(204);

        var entries = admin().queryParam("actor", "me").queryParam("size", 2).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
        assertThat(entries.getList("items.action")).containsExactly("delete-group", "set-group");
        assertThat(entries.getString("items[1].detail")).contains("carol", "0c:38:3e:00:00:0a", "4321");
        assertThat(entries.getString("items[0].detail")).isEqualTo("carol");
    }

    @Test
    void aBodyWithoutBothListsIsRefused() {
        admin().contentType(ContentType.JSON).body("{\"devices\": []}").put("/api/v1/groups/carol")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }
}
