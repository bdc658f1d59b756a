package io.callrec.catalog.service;

import io.callrec.catalog.storage.TombstoneSweeper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Applies the retention policy and removes the objects deleted recordings still hold, every {@code callrec.retention.every}. */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final RetentionService retention;
    private final TombstoneSweeper sweeper;

    public RetentionJob(RetentionService retention, TombstoneSweeper sweeper) {
        this.retention = retention;
        this.sweeper = sweeper;
    }

    @Scheduled(identity = "retention", every = "{callrec.retention.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            retention.deleteExpired(Instant.now());
            sweeper.sweep();
        } catch (RuntimeException e) {
            LOG.error("The retention job failed; it runs again on schedule", e);
        }
    }
}
