package io.callrec.catalog.service;

import com.fasterxml.jackson.annotation.JsonValue;
import io.callrec.catalog.domain.AuditAnchor;
import io.callrec.catalog.storage.AuditAnchorStore;
import io.callrec.platform.storage.StorageException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Verifies the audit log's hash chain (V3__audit_chain.sql): every entry's hash is computed again from its fields and
 * the stored hash of the entry before it, and every link is checked; the first entry that does not match is reported.
 * The chain alone cannot show that its tail was cut or rewritten as a whole, so it is also checked against the anchor
 * in the bucket ({@link AuditAnchorJob}): the entry at the anchored position must still carry the anchored hash.
 */
@ApplicationScoped
public class AuditChain {
    private static final Logger LOG = Logger.getLogger(AuditChain.class);
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
    private static final String HEAD = """
            SELECT chain_position, entry_hash FROM audit_entry ORDER BY chain_position DESC LIMIT 1""";
    private static final String HASH_AT = "SELECT entry_hash FROM audit_entry WHERE chain_position = $1";

    private final Pool database;
    private final AuditAnchorStore anchors;

    public AuditChain(Pool database, AuditAnchorStore anchors) {
        this.database = database;
        this.anchors = anchors;
    }

    public Uni<Verification> verify() {
        return database.query(VERIFY).execute().chain(rows -> anchorCheck().map(anchor -> {
            Row row = rows.iterator().next();
            Long firstBrokenId = row.getLong("first_broken_id");
            return new Verification(row.getLong("entries"), firstBrokenId == null && !anchor.state().broken(),
                    firstBrokenId, row.getLong("first_broken_position"), anchor.anchor(), anchor.state());
        }));
    }

    /** The chain's last entry as an anchor taken now; empty while the log is empty. */
    public Uni<Optional<AuditAnchor>> head() {
        return database.query(HEAD).execute().map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new AuditAnchor(row.getLong("chain_position"), row.getString("entry_hash"),
                    Instant.now()));
        });
    }

    /** The anchor in the bucket, and how the chain stands against it. */
    public Uni<AnchorCheck> anchorCheck() {
        return Uni.createFrom().item(anchors::latest).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(saved -> saved.isEmpty() ? Uni.createFrom().item(new AnchorCheck(null, AnchorState.NONE))
                        : against(saved.get()).map(state -> new AnchorCheck(saved.get(), state)))
                .onFailure(StorageException.class).recoverWithItem(e -> {
                    LOG.warnf("The audit anchor could not be read: %s", e.getMessage());
                    return new AnchorCheck(null, AnchorState.UNREADABLE);
                });
    }

    private Uni<AnchorState> against(AuditAnchor anchor) {
        return database.preparedQuery(HASH_AT).execute(Tuple.of(anchor.position())).map(rows -> {
            if (rows.size() == 0) {
                return AnchorState.MISSING_ENTRIES;
            }
            return anchor.hash().equals(rows.iterator().next().getString("entry_hash")) ? AnchorState.MATCHES
                    : AnchorState.REWRITTEN;
        });
    }

    /**
     * @param anchor the anchor in the bucket, or null when there is none or it could not be read
     * @param state  how the chain stands against it
     */
    public record AnchorCheck(AuditAnchor anchor, AnchorState state) {
        /** Whether the anchor may move to the chain's end: there is none yet, or the chain still holds it. */
        public boolean movable() {
            return state == AnchorState.NONE || state == AnchorState.MATCHES;
        }
    }

    /** The chain against the anchor in the bucket. */
    public enum AnchorState {
        /** No anchor was saved yet. */
        NONE("none", false),
        /** The entry at the anchored position carries the anchored hash. */
        MATCHES("matches", false),
        /** The chain ends before the anchored position: its tail was cut. */
        MISSING_ENTRIES("missing-entries", true),
        /** The entry at the anchored position has another hash: the chain was rewritten up to there. */
        REWRITTEN("rewritten", true),
        /** The anchor could not be read (the store did not answer, or it is not an anchor): the tail is unchecked. */
        UNREADABLE("unreadable", false);

        private final String wireName;
        private final boolean broken;

        AnchorState(String wireName, boolean broken) {
            this.wireName = wireName;
            this.broken = broken;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        /** Whether the log was changed behind the application's back. */
        public boolean broken() {
            return broken;
        }
    }

    /**
     * @param entries             how many entries were checked
     * @param intact              whether every hash and link matches and the chain still holds the anchor
     * @param firstBrokenId       the id of the first entry whose hash or link does not match, or null
     * @param firstBrokenPosition its position in the chain
     * @param anchor              the anchor in the bucket, or null when there is none or it could not be read
     * @param anchorState         how the chain stands against it
     */
    public record Verification(long entries, boolean intact, Long firstBrokenId, Long firstBrokenPosition,
                               AuditAnchor anchor, AnchorState anchorState) {
    }
}
