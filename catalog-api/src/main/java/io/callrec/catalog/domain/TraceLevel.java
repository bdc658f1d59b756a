package io.callrec.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One area's log level (a row per {@link io.callrec.contracts.TraceArea}, created by the migration). */
@Entity
@Table(name = "trace_level")
public class TraceLevel extends PanacheEntityBase {
    /** {@link io.callrec.contracts.TraceArea#wireName()}. */
    @Id
    public String area;
    public String level;
    public Instant updatedAt;
    public String updatedBy;
}
