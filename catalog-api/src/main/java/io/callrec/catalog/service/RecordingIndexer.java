package io.callrec.catalog.service;

import io.callrec.catalog.domain.Recording;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Merges a batch of events into the catalog in one transaction. The rows are locked (in id order, so that two
 * writers never deadlock) because people protect and delete recordings while their events still arrive.
 */
@ApplicationScoped
public class RecordingIndexer {

    public Uni<Void> index(List<CatalogEvent> events) {
        Set<UUID> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.recordingId()));
        Instant indexedAt = Instant.now();
        return Panache.withTransaction(() -> Recording.<Recording>find("id in ?1", Sort.by("id"), ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .chain(existing -> {
                    Map<UUID, Recording> rows = new HashMap<>();
                    existing.forEach(row -> rows.put(row.id, row));
                    List<Recording> created = new ArrayList<>();
                    for (CatalogEvent event : events) {
                        Recording row = rows.computeIfAbsent(event.recordingId(), id -> {
                            Recording fresh = Recording.fromNetwork(id);
                            created.add(fresh);
                            return fresh;
                        });
                        event.applyTo(row, indexedAt);
                    }
                    return created.isEmpty() ? Uni.createFrom().voidItem() : Recording.persist(created);
                }));
    }
}
