package io.callrec.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of the audit log: who did what to which recording, and when. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    public String actor;
    public AuditAction action;
    public UUID recordingId;
    public String detail;

    public static AuditEntry of(String actor, AuditAction action, UUID recordingId, String detail, Instant at) {
        AuditEntry entry = new AuditEntry();
        entry.at = at;
        entry.actor = actor;
        entry.action = action;
        entry.recordingId = recordingId;
        entry.detail = detail;
        return entry;
    }
}
