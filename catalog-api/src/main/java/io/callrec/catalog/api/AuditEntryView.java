package io.callrec.catalog.api;

import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.domain.AuditEntry;
import java.time.Instant;
import java.util.UUID;

/** One audit log line as API clients see it. */
public record AuditEntryView(long id, Instant at, String actor, AuditAction action, UUID recordingId, String detail) {
    public static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id, entry.at, entry.actor, entry.action, entry.recordingId, entry.detail);
    }
}
