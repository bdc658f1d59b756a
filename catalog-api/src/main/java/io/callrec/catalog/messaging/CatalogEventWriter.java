package io.callrec.catalog.messaging;

import io.callrec.catalog.health.DatabaseReadinessCheck;
import io.callrec.catalog.service.CatalogEvent;
import io.callrec.catalog.service.RecordingIndexer;
import io.callrec.catalog.storage.BlockingDatabase;
import io.callrec.platform.kafka.DeadLetterPublisher;
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
 * Writes polled records into the catalog: all in one transaction, or event by event when that kept failing.
 * Records that are no event are set aside on the dead-letter topic, and so is, event by event, an event the
 * database refuses while it answers. Throws when the write failed and nothing may be committed.
 */
@ApplicationScoped
public class CatalogEventWriter {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final CatalogEventDecoder decoder;
    private final RecordingIndexer indexer;
    private final DeadLetterPublisher deadLetters;
    private final DatabaseReadinessCheck database;
    private final BlockingDatabase blockingDatabase;

    public CatalogEventWriter(CatalogEventDecoder decoder, RecordingIndexer indexer, DeadLetterPublisher deadLetters,
                              @Readiness DatabaseReadinessCheck database, BlockingDatabase blockingDatabase) {
        this.decoder = decoder;
        this.indexer = indexer;
        this.deadLetters = deadLetters;
        this.database = database;
        this.blockingDatabase = blockingDatabase;
    }

    /** One transaction for every event; returns how many were written. */
    public int writeTogether(ConsumerRecords<String, byte[]> records) {
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
    public int writeOneByOne(ConsumerRecords<String, byte[]> records) {
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
