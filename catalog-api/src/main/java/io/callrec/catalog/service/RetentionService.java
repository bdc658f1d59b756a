package io.callrec.catalog.service;

import io.callrec.catalog.config.RetentionConfig;
import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.domain.ImportedFile;
import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.RecordingStatus;
import io.callrec.catalog.domain.RetentionPolicy;
import io.callrec.catalog.storage.BlockingDatabase;
import io.callrec.catalog.storage.TombstoneSweeper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/** How long recordings are kept, and deleting the unprotected ones that are older. */
@ApplicationScoped
public class RetentionService {
    /** The actor the audit log names for deletions by retention. */
    public static final String ACTOR = "retention";
    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final RetentionConfig config;
    private final AuditLog audit;
    private final TombstoneSweeper sweeper;
    private final BlockingDatabase database;

    public RetentionService(RetentionConfig config, AuditLog audit, TombstoneSweeper sweeper,
                            BlockingDatabase database) {
        this.config = config;
        this.audit = audit;
        this.sweeper = sweeper;
        this.database = database;
    }

    public Uni<Integer> days() {
        return Panache.withSession(() -> RetentionPolicy.<RetentionPolicy>findById(RetentionPolicy.ROW_ID))
                .map(policy -> policy.days);
    }

    public Uni<Integer> setDays(int days, String actor) {
        return Panache.withTransaction(() -> RetentionPolicy.<RetentionPolicy>findById(RetentionPolicy.ROW_ID)
                .chain(policy -> {
                    policy.days = days;
                    policy.updatedAt = Instant.now();
                    policy.updatedBy = actor;
                    return audit.write(actor, AuditAction.SET_RETENTION, null, days + " days");
                })
                .replaceWith(days));
    }

    /**
     * Deletes unprotected recordings started more than the retention days before {@code now}: each becomes a
     * tombstone (and an audit entry) in a batch transaction, then its object is removed. Blocking; returns how many.
     */
    public int deleteExpired(Instant now) {
        int days = database.await(this::days);
        if (days == 0) {
            return 0;
        }
        Instant cutoff = now.minus(Duration.ofDays(days));
        int deleted = 0;
        List<Recording> batch;
        do {
            batch = database.await(() -> Panache.withTransaction(() -> expireBatch(cutoff, now)));
            for (Recording recording : batch) {
                try {
                    sweeper.removeObjects(recording);
                } catch (RuntimeException e) {
                    LOG.warnf("Recording %s expired but its objects stay until the next sweep: %s",
                            recording.id, e.getMessage());
                }
            }
            deleted += batch.size();
        } while (batch.size() == config.batchSize());
        if (deleted > 0) {
            LOG.infof("Retention of %d days deleted %d recordings", days, deleted);
        }
        return deleted;
    }

    private Uni<List<Recording>> expireBatch(Instant cutoff, Instant now) {
        return Recording.<Recording>find("status <> :deleted and protectedFromDeletion = false and legalHold = false"
                                + " and (startedAt < :cutoff or (startedAt is null and storedAt < :cutoff))",
                        Sort.by("id"),
                        Parameters.with("deleted", RecordingStatus.DELETED).and("cutoff", cutoff))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, config.batchSize())
                .list()
                .call(expired -> Multi.createFrom().iterable(expired)
                        .onItem().transformToUniAndConcatenate(recording -> {
                            String started = "started " + recording.startedAt;
                            recording.markDeleted(now);
                            return ImportedFile.forgetNamesOf(recording.id)
                                    .chain(() -> audit.write(ACTOR, AuditAction.RETENTION_DELETE, recording.id,
                                            started));
                        })
                        .collect().last());
    }
}
