package io.callrec.catalog.service;

import io.callrec.catalog.config.AuditConfig;
import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.domain.AuditEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who listened to, downloaded, protected, deleted or imported what, and when. Entries are only ever added; the
 * database chains them by hash and refuses changes (V3__audit_chain.sql).
 */
@ApplicationScoped
public class AuditLog {
    private final AuditConfig config;

    public AuditLog(AuditConfig config) {
        this.config = config;
    }

    /** Adds an entry inside the caller's transaction. */
    public Uni<Void> write(String actor, AuditAction action, UUID recordingId, String detail) {
        return AuditEntry.of(actor, action, recordingId, detail, Instant.now()).persist().replaceWithVoid();
    }

    /**
     * Records a read of a recording's audio, whatever range it asked for, unless the same person already read the
     * same recording the same way within {@code callrec.audit.read-window}.
     */
    public Uni<Void> writeRead(String actor, AuditAction action, UUID recordingId) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> AuditEntry.count(
                        "recordingId = ?1 and actor = ?2 and action = ?3 and at > ?4",
                        recordingId, actor, action, now.minus(config.readWindow()))
                .chain(recent -> recent > 0 ? Uni.createFrom().voidItem()
                        : AuditEntry.of(actor, action, recordingId, null, now).persist().replaceWithVoid()));
    }

    /** Newest first. */
    public Uni<PageOf<AuditEntry>> search(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (query.actor() != null) {
            conditions.add("actor = :actor");
            parameters.and("actor", query.actor());
        }
        if (query.action() != null) {
            conditions.add("action = :action");
            parameters.and("action", query.action());
        }
        if (query.recordingId() != null) {
            conditions.add("recordingId = :recordingId");
            parameters.and("recordingId", query.recordingId());
        }
        if (query.from() != null) {
            conditions.add("at >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("at < :to");
            parameters.and("to", query.to());
        }
        String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        Sort newestFirst = Sort.descending("at", "id");
        return Panache.withSession(() -> {
            PanacheQuery<AuditEntry> found = AuditEntry.find(where, newestFirst, parameters);
            return found.page(query.page(), query.size()).list()
                    .chain(items -> found.count()
                            .map(total -> new PageOf<>(items, query.page(), query.size(), total)));
        });
    }

    /** Audit filters; each may be null. */
    public record AuditQuery(String actor, AuditAction action, UUID recordingId, Instant from, Instant to, int page,
                             int size) {
    }
}
