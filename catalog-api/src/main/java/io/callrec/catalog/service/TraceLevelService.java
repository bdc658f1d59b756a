package io.callrec.catalog.service;

import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.domain.TraceArea;
import io.callrec.catalog.domain.TraceLevel;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Log levels per area: stored in the catalog, applied to this service's loggers when set and again at start-up.
 * The other services' areas are stored and shown; they do not reach those services yet.
 */
@ApplicationScoped
public class TraceLevelService {
    private static final Logger LOG = Logger.getLogger(TraceLevelService.class);

    private final LoggerLevels loggers;
    private final AuditLog audit;

    public TraceLevelService(LoggerLevels loggers, AuditLog audit) {
        this.loggers = loggers;
        this.audit = audit;
    }

    void applyStored(@Observes StartupEvent startup) {
        try {
            Reactive.await(this::levels).forEach(loggers::apply);
        } catch (RuntimeException e) {
            LOG.warnf("Stored trace levels not applied, logging stays as configured: %s", e.getMessage());
        }
    }

    public Uni<Map<TraceArea, String>> levels() {
        return Panache.withSession(() -> TraceLevel.<TraceLevel>listAll()).map(TraceLevelService::byArea);
    }

    /** Stores and applies the given areas' levels (the others keep theirs); returns every area's level. */
    public Uni<Map<TraceArea, String>> set(Map<TraceArea, String> changes, String actor) {
        return Panache.withTransaction(() -> TraceLevel.<TraceLevel>listAll().chain(rows -> {
                    Instant now = Instant.now();
                    for (TraceLevel row : rows) {
                        TraceArea.byWireName(row.area).map(changes::get).ifPresent(level -> {
                            row.level = level;
                            row.updatedAt = now;
                            row.updatedBy = actor;
                        });
                    }
                    String detail = changes.entrySet().stream()
                            .map(change -> change.getKey().wireName() + "=" + change.getValue())
                            .collect(Collectors.joining(", "));
                    return audit.write(actor, AuditAction.SET_TRACE_LEVELS, null, detail).replaceWith(rows);
                }))
                .map(TraceLevelService::byArea)
                .invoke(levels -> changes.keySet().forEach(area -> loggers.apply(area, levels.get(area))));
    }

    private static Map<TraceArea, String> byArea(List<TraceLevel> rows) {
        Map<TraceArea, String> levels = new EnumMap<>(TraceArea.class);
        for (TraceLevel row : rows) {
            TraceArea.byWireName(row.area).ifPresent(area -> levels.put(area, row.level));
        }
        return levels;
    }
}
