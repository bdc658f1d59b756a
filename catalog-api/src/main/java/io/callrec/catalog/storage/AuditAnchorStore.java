package io.callrec.catalog.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.catalog.domain.AuditAnchor;
import io.callrec.contracts.ObjectKeys;
import io.callrec.platform.storage.MissingObjectException;
import io.callrec.platform.storage.ObjectStore;
import io.callrec.platform.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The audit anchor in the bucket ({@code audit/anchor.json}): a database owner cannot change it without the store's
 * credentials (lock it in production: see SECURITY.md). Blocking: call from worker threads.
 */
@ApplicationScoped
public class AuditAnchorStore {
    /** An anchor is a position, a hash and a time: anything larger is not one. */
    private static final int MAX_SIZE = 4096;

    private final ObjectStore store;
    private final ObjectMapper json;

    public AuditAnchorStore(ObjectStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** The anchor last saved; empty when none was yet. A {@link StorageException} when it cannot be read. */
    public Optional<AuditAnchor> latest() {
        String key = ObjectKeys.auditAnchor();
        // One GET of at most one byte more than an anchor may have, not a size lookup first.
        try (InputStream in = store.read(key, 0, MAX_SIZE + 1)) {
            byte[] content = in.readNBytes(MAX_SIZE + 1);
            if (content.length > MAX_SIZE) {
                throw new IOException("more than " + MAX_SIZE + " bytes is no audit anchor");
            }
            AuditAnchor anchor = json.readValue(content, AuditAnchor.class);
            if (anchor.hash() == null || anchor.position() < 1) {
                throw new IOException("no position or hash");
            }
            return Optional.of(anchor);
        } catch (MissingObjectException none) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("read " + key, e);
        }
    }

    public void save(AuditAnchor anchor) {
        try {
            store.upload(ObjectKeys.auditAnchor(), json.writeValueAsBytes(anchor), "application/json");
        } catch (IOException e) {
            throw new StorageException("write " + ObjectKeys.auditAnchor(), e);
        }
    }
}
