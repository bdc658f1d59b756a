package io.callrec.catalog.storage;

import io.callrec.catalog.domain.ImportedFile;
import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.RecordingStatus;
import io.callrec.platform.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Removes the objects of deleted recordings. A tombstone keeps its object key until the object is gone, so an
 * object store that was down during a delete, or a WAV stored after its recording was deleted, is cleaned up on
 * the next sweep. Blocking: call from worker threads.
 */
@ApplicationScoped
public class TombstoneSweeper {
    private static final Logger LOG = Logger.getLogger(TombstoneSweeper.class);
    private static final int BATCH = 200;

    private final ObjectStore store;
    private final BlockingDatabase database;

    public TombstoneSweeper(ObjectStore store, BlockingDatabase database) {
        this.store = store;
        this.database = database;
    }

    /** Removes the WAV of one tombstone and the raw files it was imported from (USB, PCAP), and forgets them. */
    public void removeObjects(Recording tombstone) {
        if (tombstone.objectKey != null) {
            removeObject(tombstone.id, tombstone.objectKey);
        }
        removeImportedFiles(tombstone.id);
    }

    private void removeObject(UUID recordingId, String objectKey) {
        store.remove(objectKey);
        database.await(() -> Panache.withTransaction(() -> Recording.update(
                "objectKey = null where id = ?1 and objectKey = ?2", recordingId, objectKey)));
    }

    private void removeImportedFiles(UUID recordingId) {
        List<ImportedFile> files = database.await(() -> Panache.withSession(() -> ImportedFile
                .<ImportedFile>list("recordingId", recordingId)));
        for (ImportedFile file : files) {
            store.remove(file.objectKey);
            database.await(() -> Panache.withTransaction(() -> ImportedFile.delete("key", file.key)));
        }
    }

    /** Removes every object still held by a tombstone; returns how many. */
    public int sweep() {
        int removed = 0;
        List<Recording> tombstones;
        do {
            tombstones = database.await(() -> Panache.withSession(() -> Recording.<Recording>find(
                    "status = ?1 and (objectKey is not null or id in (select f.recordingId from ImportedFile f))",
                    RecordingStatus.DELETED).page(0, BATCH).list()));
            for (Recording tombstone : tombstones) {
                try {
                    removeObjects(tombstone);
                    removed++;
                } catch (RuntimeException e) {
                    LOG.warnf("Could not remove the object of deleted recording %s, will retry: %s", tombstone.id,
                            e.getMessage());
                    return removed;
                }
            }
        } while (tombstones.size() == BATCH);
        return removed;
    }
}
