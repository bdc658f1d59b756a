package io.callrec.catalog.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Fails the recordings nobody finished in time, every {@code callrec.reconcile.every}. */
@ApplicationScoped
public class ReconciliationJob {
    private static final Logger LOG = Logger.getLogger(ReconciliationJob.class);

    private final RecordingReconciler reconciler;

    public ReconciliationJob(RecordingReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Scheduled(identity = "reconcile", every = "{callrec.reconcile.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            reconciler.failOverdue(Instant.now());
        } catch (RuntimeException e) {
            LOG.error("The reconciliation job failed; it runs again on schedule", e);
        }
    }
}
