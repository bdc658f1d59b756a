package io.callrec.catalog.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Verifies the audit log's hash chain (V3__audit_chain.sql): every entry's hash is computed again from its fields and
 * the stored hash of the entry before it, and every link is checked. Reports the first entry that does not match.
 */
@ApplicationScoped
public class AuditChain {
    private static final String VERIFY = """
            SELECT count(*) AS entries,
                   min(chain_position) FILTER (WHERE broken) AS first_broken_position,
                   (array_agg(id ORDER BY chain_position) FILTER (WHERE broken))[1] AS first_broken_id
            FROM (SELECT id, chain_position,
                         entry_hash IS DISTINCT FROM audit_entry_digest(chain_position, at, actor, action,
                                 recording_id, detail, previous_hash)
                         OR previous_hash IS DISTINCT FROM
                                coalesce(lag(entry_hash) OVER (ORDER BY chain_position), '')
                         OR chain_position <> row_number() OVER (ORDER BY chain_position) AS broken
                  FROM audit_entry) checked
            """;

    private final Pool database;

    public AuditChain(Pool database) {
        this.database = database;
    }

    public Uni<Verification> verify() {
        return database.query(VERIFY).execute().map(rows -> {
            Row row = rows.iterator().next();
            Long firstBrokenId = row.getLong("first_broken_id");
            return new Verification(row.getLong("entries"), firstBrokenId == null, firstBrokenId,
                    row.getLong("first_broken_position"));
        });
    }

    /**
     * @param entries             how many entries were checked
     * @param intact              whether every hash and link matches
     * @param firstBrokenId       the id of the first entry whose hash or link does not match, or null if intact
     * @param firstBrokenPosition its position in the chain
     */
    public record Verification(long entries, boolean intact, Long firstBrokenId, Long firstBrokenPosition) {
    }
}
