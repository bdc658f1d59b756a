package io.callrec.transcoder.service;

import io.callrec.platform.storage.MissingObjectException;
import io.callrec.platform.storage.StorageException;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.storage.RecordingStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides what becomes of an import whose processing threw: try again after a pause, or give up (the caller then
 * fails the recording and sets the request aside). Three cases, told apart like this:
 * <ul>
 *   <li>the object store does not answer a bucket check: an outage, waited out however long it lasts (not
 *       counted: every import would fail the same way, and none of them is at fault);</li>
 *   <li>the store answers that a raw file is missing, or the conversion threw an unchecked exception (a parser
 *       or request flaw: the same bytes fail the same way every time): given up at once;</li>
 *   <li>anything else (spool disk, Kafka, a store error while it answers): retried, given up after
 *       {@code import-max-attempts} failures in a row.</li>
 * </ul>
 * Used by the import consumer thread only.
 */
@ApplicationScoped
public class ImportFailurePolicy {
    private static final Logger LOG = Logger.getLogger(ImportFailurePolicy.class);

    private final RecordingStore store;
    private final int maxAttempts;
    private final Map<UUID, Integer> failuresInARow = new HashMap<>();

    public ImportFailurePolicy(RecordingStore store, TranscoderConfig config) {
        this.store = store;
        this.maxAttempts = config.importMaxAttempts();
    }

    /** Why to give up on the import now, or empty to retry it after a pause. */
    public Optional<String> giveUpReason(UUID recordingId, Exception failure) {
        if (!store.answers()) {
            LOG.warnf("Import %s waits for the object store, which does not answer (%s)", recordingId,
                    failure.getMessage());
            return Optional.empty();
        }
        if (failure instanceof MissingObjectException) {
            return giveUp(recordingId, "an uploaded file is no longer in the object store");
        }
        if (failure instanceof RuntimeException && !(failure instanceof UncheckedIOException)
                && !(failure instanceof StorageException)) {
            return giveUp(recordingId, "the files could not be converted (" + failure + ")");
        }
        int failures = failuresInARow.merge(recordingId, 1, Integer::sum);
        if (failures >= maxAttempts) {
            return giveUp(recordingId, "conversion failed " + failures + " times in a row, last: "
                    + failure.getMessage());
        }
        LOG.warnf("Import %s failed (%d of %d attempts): %s; retrying", recordingId, failures, maxAttempts,
                failure.getMessage());
        return Optional.empty();
    }

    /** The import is done with (announced or given up): its count starts again if it ever comes back. */
    public void forget(UUID recordingId) {
        failuresInARow.remove(recordingId);
    }

    private Optional<String> giveUp(UUID recordingId, String reason) {
        forget(recordingId);
        return Optional.of(reason);
    }
}
