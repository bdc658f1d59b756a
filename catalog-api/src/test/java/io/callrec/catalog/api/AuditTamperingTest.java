package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.catalog.support.AliceRecordings;
import io.callrec.catalog.support.Database;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Audio reads cannot dodge the audit, and the audit log cannot be changed unnoticed. */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class AuditTamperingTest {
    private static final Instant START = Instant.parse("2025-06-07T08:09:10Z");

    private static JsonPath auditOf(UUID id) {
        return admin().queryParam("recordingId", id.toString()).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aReadThatSkipsTheFirstByteIsAuditedOncePerWindow() {
        UUID id = AliceRecordings.available(START);

        for (int i = 0; i < 3; i++) {
            as("alice").header("Range", "bytes=1-").get("/api/v1/recordings/{id}/audio", id).then().statusCode(206);
        }
        as("alice").header("Range", "bytes=1-").queryParam("download", true)
                .get("/api/v1/recordings/{id}/audio", id).then().statusCode(206);

        JsonPath audit = auditOf(id);
        assertThat(audit.getList("items.action")).containsExactly("download", "listen");
        assertThat(audit.getList("items.actor", String.class)).containsOnly("alice");
    }

    @Test
    void theApplicationCannotChangeTheLogAndAnOwnersEditIsFound() throws SQLException {
        UUID id = AliceRecordings.available(START);
        as("alice").get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);
        as("alice").queryParam("download", true).get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);
        admin().get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
        long listen = auditOf(id).getLong("items.find { it.action == 'listen' }.id");

        try (Connection db = Database.ownerConnection(); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE audit_entry SET actor = 'nobody' WHERE id = " + listen))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM audit_entry WHERE id = " + listen))
                    .hasMessageContaining("append-only");
            // The owner can switch the guard off; the edit still shows.
            sql.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            sql.executeUpdate("UPDATE audit_entry SET actor = 'nobody' WHERE id = " + listen);
            sql.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
        }

        admin().get("/api/v1/audit/verification").then().statusCode(200)
                .body("intact", equalTo(false))
                .body("firstBrokenId", equalTo((int) listen));
        as("alice").get("/api/v1/audit/verification").then().statusCode(403);
    }
}
