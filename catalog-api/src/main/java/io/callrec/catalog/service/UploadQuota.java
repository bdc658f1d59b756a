package io.callrec.catalog.service;

import io.callrec.catalog.config.AccessConfig;
import io.callrec.catalog.config.ImportConfig;
import io.callrec.catalog.storage.BlockingDatabase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bytes each person may upload in any 24 hours, counted over the files still kept (a deleted recording's uploads no
 * longer count). Checked twice: before the files are stored, so that a plain excess stores nothing, and again in the
 * transaction that records them, under a lock per person, so that uploads at the same moment cannot all pass.
 */
@ApplicationScoped
public class UploadQuota {
    private static final Duration PERIOD = Duration.ofDays(1);

    private final ImportConfig imports;
    private final AccessConfig access;
    private final BlockingDatabase database;

    public UploadQuota(ImportConfig imports, AccessConfig access, BlockingDatabase database) {
        this.imports = imports;
        this.access = access;
        this.database = database;
    }

    /** Refuses the upload when it would take {@code owner} past their quota. Blocking. */
    public void require(String owner, long bytes) {
        database.await(() -> Panache.withSession(() -> check(owner, bytes)));
    }

    /**
     * The same, within the transaction that records the upload: holds {@code owner}'s quota lock until that
     * transaction ends, so the next upload of theirs counts this one.
     */
    public Uni<Void> reserve(String owner, long bytes) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtext('upload_quota'), hashtext(?1))")
                        .setParameter(1, owner)
                        .getSingleResult())
                .chain(() -> check(owner, bytes));
    }

    private Uni<Void> check(String owner, long bytes) {
        long limit = limitOf(owner);
        Instant since = Instant.now().minus(PERIOD);
        return Panache.getSession().chain(session -> session
                        .createQuery("select coalesce(sum(f.sizeBytes), 0) from ImportedFile f where f.key.importId in"
                                + " (select b.id from ImportBatch b where b.owner = ?1 and b.receivedAt > ?2)", Long.class)
                        .setParameter(1, owner)
                        .setParameter(2, since)
                        .getSingleResult())
                .invoke(used -> {
                    if (used + bytes > limit) {
                        throw new RejectedUploadException("This upload of " + bytes + " bytes would take " + owner
                                + " past the upload quota of " + limit + " bytes per 24 hours (" + used + " used).",
                                true);
                    }
                })
                .replaceWithVoid();
    }

    private long limitOf(String owner) {
        return Optional.ofNullable(access.users().get(owner))
                .flatMap(AccessConfig.Assignment::dailyUploadQuota)
                .orElse(imports.dailyUploadQuota())
                .asLongValue();
    }
}
