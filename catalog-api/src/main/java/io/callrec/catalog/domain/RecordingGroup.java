package io.callrec.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The devices and extensions an admin assigned to one user: their recordings group. */
@Entity
@Table(name = "recording_group")
public class RecordingGroup extends PanacheEntityBase {
    @Id
    public String userName;
    /** Normalised device ids, sorted. */
    public String[] devices;
    /** Sorted. */
    public String[] extensions;
    public Instant updatedAt;
    public String updatedBy;
}
