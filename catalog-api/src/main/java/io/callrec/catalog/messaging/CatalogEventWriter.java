package io.callrec.catalog.messaging;

import io.callrec.catalog.config.IndexingConfig;
import io.callrec.catalog.health.DatabaseReadinessCheck;
import io.callrec.catalog.service.CatalogEvent;
import io.callrec.catalog.service.RecordingIndexer;
import io.callrec.catalog.storage.BlockingDatabase;
import io.callrec.platform.kafka.DeadLetterPublisher;
import io.callrec.platform.kafka.PollHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Writes each poll's records into the catalog: all in one transaction, or, after {@code max-attempts} failures in
 * a row, event by event. Records that are no event are set aside on the dead-letter topic, and so is, event by
 * event, an event the database refuses while it answers. Throws when the write failed and nothing may be
 * committed: the loop reads the poll again after a pause, which is harmless because every merge is idempotent.
 * Used by the consumer thread only.
 */
@ApplicationScoped
public class CatalogEventWriter implements PollHandler {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final CatalogEventDecoder decoder;
    private final RecordingIndexer indexer;
    private final DeadLetterPublisher deadLetters;
    private final DatabaseReadinessCheck database;
    private final BlockingDatabase blockingDatabase;
    private final int maxAttempts;
    private final Counter indexed;
    private int failuresInARow;

    public CatalogEventWriter(CatalogEventDecoder decoder, RecordingIndexer indexer, DeadLetterPublisher deadLetters,
                              @Readiness DatabaseReadinessCheck database, BlockingDatabase blockingDatabase,
                              IndexingConfig config, MeterRegistry registry) {
        this.decoder = decoder;
        this.indexer = indexer;
        this.deadLetters = deadLetters;
        this.database = database;
        this.blockingDatabase = blockingDatabase;
        this.maxAttempts = config.maxAttempts();
        this.indexed = Counter.builder("callrec.catalog.events.indexed")
                .description("Session and recording events written to the catalog")
                .register(registry);
    }

    @Override
    public void handle(ConsumerRecords<String, byte[]> records) {
        try {
            int written = failuresInARow < maxAttempts ? writeTogether(records) : writeOneByOne(records);
            indexed.increment(written);
            failuresInARow = 0;
        } catch (RuntimeException e) {
            failuresInARow++;
            throw e;
        }
    }

    /** One transaction for every event; returns how many were written. */
    private int writeTogether(ConsumerRecords<String, byte[]> records) {
        List<CatalogEvent> events = new ArrayList<>(records.count());
        Map<ConsumerRecord<String, byte[]>, String> undecodable = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(decoder.decode(record.topic(), record.value()));
            } catch (UndecodableEventException e) {
                undecodable.put(record, e.getMessage());
            }
        }
        if (!events.isEmpty()) {
            blockingDatabase.await(() -> indexer.index(events));
        }
        // Only after the write: a failed write is retried, and these would be set aside twice.
        undecodable.forEach(deadLetters::setAside);
        return events.size();
    }

    /** A transaction per event, so that one refused event does not take the others with it. */
    private int writeOneByOne(ConsumerRecords<String, byte[]> records) {
        int written = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            CatalogEvent event;
            try {
                event = decoder.decode(record.topic(), record.value());
            } catch (UndecodableEventException e) {
                deadLetters.setAside(record, e.getMessage());
                continue;
            }
            try {
                blockingDatabase.await(() -> indexer.index(List.of(event)));
                written++;
            } catch (RuntimeException e) {
                if (!databaseAnswers()) {
                    throw e; // an outage: no event is at fault, wait it out
                }
                deadLetters.setAside(record, "the catalog refused the event: " + rootMessage(e));
            }
        }
        return written;
    }

    private boolean databaseAnswers() {
        return database.call().await().atMost(PROBE_TIMEOUT).getStatus() == HealthCheckResponse.Status.UP;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
