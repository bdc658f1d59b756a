package io.callrec.catalog.service;

import io.callrec.catalog.domain.AuditAnchor;
import io.callrec.catalog.storage.AuditAnchorStore;
import io.callrec.catalog.storage.BlockingDatabase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Every {@code callrec.audit.anchor-every}, moves the audit anchor in the bucket to the chain's last entry, but only
 * while the chain still holds the anchor saved before: once its tail was cut or rewritten, the old anchor stays as
 * the evidence (and {@code GET /api/v1/audit/verification} reports it) instead of being replaced by the new tail.
 */
@ApplicationScoped
public class AuditAnchorJob {
    private static final Logger LOG = Logger.getLogger(AuditAnchorJob.class);

    private final AuditChain chain;
    private final AuditAnchorStore anchors;
    private final BlockingDatabase database;

    public AuditAnchorJob(AuditChain chain, AuditAnchorStore anchors, BlockingDatabase database) {
        this.chain = chain;
        this.anchors = anchors;
        this.database = database;
    }

    @Scheduled(identity = "audit-anchor", every = "{callrec.audit.anchor-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            AuditChain.AnchorCheck check = database.await(chain::anchorCheck);
            if (!check.movable()) {
                if (check.state().broken()) {
                    LOG.errorf("The audit log no longer holds its anchor (position %d, taken %s): %s. The anchor is "
                            + "kept as the evidence", check.anchor().position(), check.anchor().takenAt(),
                            check.state().wireName());
                }
                return;
            }
            Optional<AuditAnchor> head = database.await(chain::head);
            // Only forward: another replica may have saved a later anchor meanwhile.
            if (head.isPresent() && (check.anchor() == null || head.get().position() > check.anchor().position())) {
                anchors.save(head.get());
            }
        } catch (RuntimeException e) {
            LOG.warnf("The audit anchor could not be moved (it is tried again on schedule): %s", e.getMessage());
        }
    }
}
