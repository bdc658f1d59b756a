package io.callrec.catalog.service;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.catalog.support.AliceRecordings;
import io.callrec.catalog.support.Database;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A database owner who cuts the audit log's tail, which the chain alone cannot show, is found by the anchor. */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class AuditAnchorJobTest {
    private static final Instant START = Instant.parse("2025-08-09T10:11:12Z");

    @Inject
    AuditAnchorJob job;

    private static JsonPath verification() {
        return admin().get("/api/v1/audit/verification").then().statusCode(200).extract().jsonPath();
    }

    private static long lastPosition() throws SQLException {
        try (Connection db = Database.ownerConnection(); Statement sql = db.createStatement();
             ResultSet last = sql.executeQuery("SELECT max(chain_position) FROM audit_entry")) {
            last.next();
            return last.getLong(1);
        }
    }

    /** Deletes the entries from {@code position} on as their owner can, guards off; returns them as they were. */
    private static List<Map<String, Object>> cutFrom(long position) throws SQLException {
        List<Map<String, Object>> cut = new ArrayList<>();
        try (Connection db = Database.ownerConnection()) {
            // One transaction: the ALTERs lock the table, so no entry of the application slips in unchained.
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT * FROM audit_entry WHERE chain_position >= " + position)) {
                ResultSetMetaData columns = rows.getMetaData();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        // With its offset, so that the time (hashed into the chain) comes back unchanged.
                        row.put(columns.getColumnName(i), "timestamptz".equals(columns.getColumnTypeName(i))
                                ? rows.getObject(i, OffsetDateTime.class) : rows.getObject(i));
                    }
                    cut.add(row);
                }
                sql.execute("ALTER TABLE audit_entry DISABLE TRIGGER USER");
                sql.executeUpdate("DELETE FROM audit_entry WHERE chain_position >= " + position);
                sql.execute("ALTER TABLE audit_entry ENABLE TRIGGER USER");
            }
            db.commit();
        }
        return cut;
    }

    /** Puts the cut entries back as they were (and removes what took their places), for the tests after this one. */
    private static void restore(long position, List<Map<String, Object>> cut) throws SQLException {
        try (Connection db = Database.ownerConnection()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                sql.execute("ALTER TABLE audit_entry DISABLE TRIGGER USER");
                sql.executeUpdate("DELETE FROM audit_entry WHERE chain_position >= " + position);
                for (Map<String, Object> row : cut) {
                    String insert = "INSERT INTO audit_entry (" + String.join(", ", row.keySet()) + ") VALUES ("
                            + String.join(", ", row.keySet().stream().map(column -> "?").toList()) + ")";
                    try (PreparedStatement put = db.prepareStatement(insert)) {
                        int index = 1;
                        for (Object value : row.values()) {
                            put.setObject(index++, value);
                        }
                        put.executeUpdate();
                    }
                }
                sql.execute("ALTER TABLE audit_entry ENABLE TRIGGER USER");
            }
            db.commit();
        }
    }

    @Test
    void aCutTailIsFoundAndTheAnchorStaysAsTheEvidence() throws SQLException {
        UUID id = AliceRecordings.available(START);
        as("alice").get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);
        job.run();
        JsonPath anchored = verification();
        assertThat(anchored.getString("anchorState")).isEqualTo("matches");
        long position = anchored.getLong("anchor.position");
        assertThat(position).as("the anchor is the chain's last entry").isEqualTo(lastPosition());

        List<Map<String, Object>> cut = cutFrom(position);
        try {
            JsonPath afterCut = verification();
            assertThat(afterCut.getBoolean("intact")).isFalse();
            assertThat(afterCut.getString("anchorState")).isEqualTo("missing-entries");

            // New entries take the cut positions again, chained to what is left: the chain alone cannot tell.
            as("alice").queryParam("download", true).get("/api/v1/recordings/{id}/audio", id).then().statusCode(200);
            as("alice").queryParam("download", true).get("/api/v1/recordings/{id}/audio", AliceRecordings.available(
                    START)).then().statusCode(200);
            assertThat(lastPosition()).isGreaterThan(position);
            JsonPath refilled = verification();
            assertThat(refilled.getBoolean("intact")).isFalse();
            assertThat(refilled.getString("anchorState")).isEqualTo("rewritten");

            job.run();
            JsonPath kept = verification();
            assertThat(kept.getLong("anchor.position")).as("the anchor is not moved onto the new tail")
                    .isEqualTo(position);
            assertThat(kept.getString("anchor.hash")).isEqualTo(anchored.getString("anchor.hash"));
            assertThat(kept.getString("anchorState")).isEqualTo("rewritten");
        } finally {
            restore(position, cut);
        }
        JsonPath restored = verification();
        assertThat(restored.getString("anchorState")).isEqualTo("matches");
        assertThat(restored.getString("firstBrokenPosition")).as("the chain as it was")
                .isEqualTo(anchored.getString("firstBrokenPosition"));
    }
}
