package io.callrec.catalog.service;

import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.domain.TraceLevel;
import io.callrec.catalog.messaging.TraceLevelPublisher;
import io.callrec.catalog.storage.BlockingDatabase;
import io.callrec.contracts.TraceArea;
import io.callrec.contracts.TraceLevels;
import io.callrec.platform.logging.LoggerLevels;
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
 * Log levels per area: stored in the catalog and published to every service (platform
 * {@code logging/TraceLevelListener}) when set and again at start-up. This replica applies them at once as well,
 * so an answer already holds here.
 */
@ApplicationScoped
public class TraceLevelService {
    private static final Logger LOG = Logger.getLogger(TraceLevelService.class);

    private final LoggerLevels loggers;
    private final TraceLevelPublisher publisher;
    private final AuditLog audit;
    private final BlockingDatabase database;

    public TraceLevelService(LoggerLevels loggers, TraceLevelPublisher publisher, AuditLog audit,
                             BlockingDatabase database) {
        this.loggers = loggers;
        this.publisher = publisher;
        this.audit = audit;
        this.database = database;
    }

    /**
     * The stored set, again: the topic may be new or emptied. Applied here at once; the start does not wait for
     * Kafka.
     */
    void publishStored(@Observes StartupEvent startup) {
        TraceLevels levels;
        try {
            levels = TraceLevels.of(database.await(this::levels));
        } catch (RuntimeException e) {
            LOG.warnf("Stored trace levels not read, logging stays as configured: %s", e.getMessage());
            return;
        }
        loggers.apply(levels);
        publisher.send(levels).whenComplete((stored, error) -> {
            if (error != null) {
                LOG.warnf("Stored trace levels not published, the other services log as last told until the "
                        + "next change: %s", error.getMessage());
            }
        });
    }

    public Uni<Map<TraceArea, String>> levels() {
        return Panache.withSession(() -> TraceLevel.<TraceLevel>listAll()).map(TraceLevelService::byArea);
    }

    /**
     * Stores the given areas' levels (the others keep theirs), applies them here and publishes every area's
     * level, which it returns. Blocks: not on an event loop.
     */
    public Map<TraceArea, String> set(Map<TraceArea, String> changes, String actor) {
        Map<TraceArea, String> levels = database.await(() -> store(changes, actor));
        TraceLevels published = TraceLevels.of(levels);
        loggers.apply(published);
        publisher.publish(published);
        return levels;
    }

    private Uni<Map<TraceArea, String>> store(Map<TraceArea, String> changes, String actor) {
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
                .map(TraceLevelService::byArea);
    }

    private static Map<TraceArea, String> byArea(List<TraceLevel> rows) {
        Map<TraceArea, String> levels = new EnumMap<>(TraceArea.class);
        for (TraceLevel row : rows) {
            TraceArea.byWireName(row.area).ifPresent(area -> levels.put(area, row.level));
        }
        return levels;
    }
}
