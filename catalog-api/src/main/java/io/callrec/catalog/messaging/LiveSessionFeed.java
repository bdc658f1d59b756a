package io.callrec.catalog.messaging;

import io.callrec.catalog.service.CatalogEvent;
import io.callrec.catalog.service.LiveRecordings;
import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.ConsumerLoopSettings;
import io.callrec.platform.kafka.ConsumerLoops;
import io.callrec.platform.kafka.RecordHandler;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Hears every partition of callrec.sessions from now on, without a consumer group (each replica serves its own
 * live viewers, whatever partitions it indexes) and without committing, and hands the events to
 * {@link LiveRecordings}. A message that is not a session event is skipped: the indexer sets it aside.
 */
@ApplicationScoped
public class LiveSessionFeed implements RecordHandler {
    private static final Logger LOG = Logger.getLogger(LiveSessionFeed.class);

    private final CatalogEventDecoder decoder;
    private final LiveRecordings live;

    public LiveSessionFeed(CatalogEventDecoder decoder, LiveRecordings live) {
        this.decoder = decoder;
        this.live = live;
    }

    /** From the end: the live view's snapshot covers what came before. Kafka away: asked again every second. */
    void start(@Observes StartupEvent startup, ConsumerLoops loops) {
        loops.hearEveryPartition("catalog-live-sessions", Topics.SESSIONS, ConsumerLoopSettings.Start.END,
                Duration.ofSeconds(1), this);
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) {
        try {
            if (decoder.decode(record.topic(), record.value()) instanceof CatalogEvent.Session session) {
                live.publish(session.event());
            }
        } catch (UndecodableEventException e) {
            LOG.debugf("Live view skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }
}
