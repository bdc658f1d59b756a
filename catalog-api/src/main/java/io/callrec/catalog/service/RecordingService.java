package io.callrec.catalog.service;

import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.domain.ImportedFile;
import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.RecordingStatus;
import io.callrec.catalog.service.access.AccessScope;
import io.callrec.catalog.storage.TombstoneSweeper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;

/**
 * What people do to one recording. A recording the caller may not see is reported as not found. Changes lock
 * the row, so they serialise with the events still arriving for it.
 */
@ApplicationScoped
public class RecordingService {
    private final AuditLog audit;

    public RecordingService(AuditLog audit) {
        this.audit = audit;
    }

    /** A deleted recording is not found: its tombstone is only there to finish removing its objects. */
    public Uni<Recording> find(UUID id, AccessScope scope) {
        return Panache.withSession(() -> Recording.<Recording>findById(id))
                .map(recording -> visible(recording, id, scope))
                .invoke(recording -> {
                    if (recording.status == RecordingStatus.DELETED) {
                        throw new RecordingNotFoundException(id);
                    }
                });
    }

    public Uni<Recording> setProtection(UUID id, boolean protect, AccessScope scope) {
        return Panache.withTransaction(() -> lock(id, scope).chain(recording -> {
            if (recording.status == RecordingStatus.DELETED) {
                throw new RecordingConflictException("Recording " + id + " is deleted; it cannot be protected.");
            }
            if (recording.protectedFromDeletion == protect) {
                return Uni.createFrom().item(recording);
            }
            recording.protectedFromDeletion = protect;
            return audit.write(scope.user(), protect ? AuditAction.PROTECT : AuditAction.UNPROTECT, id, null)
                    .replaceWith(recording);
        }));
    }

    /** Sets or lifts an admin's legal hold; the caller is an admin (checked by the resource). */
    public Uni<Recording> setLegalHold(UUID id, boolean hold, AccessScope scope) {
        return Panache.withTransaction(() -> lock(id, scope).chain(recording -> {
            if (recording.status == RecordingStatus.DELETED) {
                throw new RecordingConflictException("Recording " + id + " is deleted; it cannot be held.");
            }
            if (recording.legalHold == hold) {
                return Uni.createFrom().item(recording);
            }
            recording.legalHold = hold;
            return audit.write(scope.user(), hold ? AuditAction.LEGAL_HOLD : AuditAction.LIFT_LEGAL_HOLD, id, null)
                    .replaceWith(recording);
        }));
    }

    /**
     * Turns the recording into a tombstone; the caller then removes its object ({@link TombstoneSweeper}).
     * Deleting a deleted recording changes nothing.
     */
    public Uni<Recording> delete(UUID id, AccessScope scope) {
        return Panache.withTransaction(() -> lock(id, scope).chain(recording -> {
            if (recording.status == RecordingStatus.DELETED) {
                return Uni.createFrom().item(recording);
            }
            if (recording.legalHold) {
                throw new RecordingConflictException(
                        "Recording " + id + " is under legal hold; only an admin can lift it.");
            }
            if (recording.protectedFromDeletion) {
                throw new RecordingConflictException(
                        "Recording " + id + " is protected; remove the protection before deleting it.");
            }
            recording.markDeleted(Instant.now());
            return ImportedFile.forgetNamesOf(id)
                    .chain(() -> audit.write(scope.user(), AuditAction.DELETE, id, null))
                    .replaceWith(recording);
        }));
    }

    private Uni<Recording> lock(UUID id, AccessScope scope) {
        return Recording.<Recording>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(recording -> visible(recording, id, scope));
    }

    private static Recording visible(Recording recording, UUID id, AccessScope scope) {
        if (recording == null || !scope.permits(recording)) {
            throw new RecordingNotFoundException(id);
        }
        return recording;
    }
}
