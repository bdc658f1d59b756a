package io.callrec.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How many days unprotected recordings are kept (0: forever). A single row, created by the migration. */
@Entity
@Table(name = "retention_policy")
public class RetentionPolicy extends PanacheEntityBase {
    public static final int ROW_ID = 1;

    @Id
    public Integer id;
    public int days;
    public Instant updatedAt;
    public String updatedBy;
}
