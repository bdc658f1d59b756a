package io.callrec.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One area's log level (a row per {@link TraceArea}, created by the migration). */
@Entity
@Table(name = "trace_level")
public class TraceLevel extends PanacheEntityBase {
    /** The levels an admin may choose, most severe first. */
    public static final List<String> NAMES = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    /** {@link TraceArea#wireName()}. */
    @Id
    public String area;
    public String level;
    public Instant updatedAt;
    public String updatedBy;
}
