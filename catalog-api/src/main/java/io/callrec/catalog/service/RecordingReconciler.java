package io.callrec.catalog.service;

import io.callrec.catalog.config.ReconcileConfig;
import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.RecordingStatus;
import io.callrec.catalog.storage.BlockingDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The safety net: no recording stays unfinished for ever, whatever crashed on the way. A recording still
 * {@code processing} past {@code processing-timeout} after its call stopped (or its files were uploaded), or still
 * {@code recording} past {@code max-call-length} after its start, is marked failed with a reason a person can read.
 * Several replicas may run it at once: rows are locked in id order and only moved forward, so the second replica
 * finds them failed already and changes nothing.
 */
@ApplicationScoped
public class RecordingReconciler {
    private static final Logger LOG = Logger.getLogger(RecordingReconciler.class);
    private static final int BATCH_SIZE = 200;

    private final ReconcileConfig config;
    private final Counter reconciled;
    private final BlockingDatabase database;

    public RecordingReconciler(ReconcileConfig config, MeterRegistry registry, BlockingDatabase database) {
        this.config = config;
        this.database = database;
        this.reconciled = Counter.builder("callrec.catalog.reconciled")
                .description("Recordings marked failed because nobody finished them in time")
                .register(registry);
    }

    /** Fails what is overdue at {@code now}; blocking; returns how many recordings it failed. */
    public int failOverdue(Instant now) {
        String processingTimeout = readable(config.processingTimeout());
        Instant processingCutoff = now.minus(config.processingTimeout());
        return failAll("importId is null and stoppedAt < :cutoff", RecordingStatus.PROCESSING, processingCutoff,
                "not finished within " + processingTimeout + " after the call stopped")
                + failAll("importId in (select b.id from ImportBatch b where b.receivedAt < :cutoff)",
                RecordingStatus.PROCESSING, processingCutoff,
                "not converted within " + processingTimeout + " after the upload")
                + failAll("startedAt < :cutoff", RecordingStatus.RECORDING, now.minus(config.maxCallLength()),
                "no stop reported within " + readable(config.maxCallLength()) + " after the start");
    }

    private int failAll(String condition, RecordingStatus status, Instant cutoff, String reason) {
        int failed = 0;
        List<Recording> batch;
        do {
            batch = database.await(() -> Panache.withTransaction(() -> failBatch(condition, status, cutoff, reason)));
            for (Recording recording : batch) {
                LOG.warnf("Recording %s was left %s; marked failed: %s", recording.id, status.wireName(), reason);
            }
            reconciled.increment(batch.size());
            failed += batch.size();
        } while (batch.size() == BATCH_SIZE);
        return failed;
    }

    private Uni<List<Recording>> failBatch(String condition, RecordingStatus status, Instant cutoff, String reason) {
        return Recording.<Recording>find("status = :status and " + condition, Sort.by("id"),
                        Parameters.with("status", status).and("cutoff", cutoff))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, BATCH_SIZE)
                .list()
                .invoke(rows -> rows.forEach(row -> row.failUnfinished(reason)));
    }

    /** 10m, 12h, 90s: as the settings are written. */
    private static String readable(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
