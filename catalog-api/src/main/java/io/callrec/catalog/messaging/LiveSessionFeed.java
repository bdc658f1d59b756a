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
import java.util.List;
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
    /**
     * A start or stop may reach the live view this much later: the feed's fetches wait for it (or for
     * {@link #FETCH_MIN_BYTES}) instead of returning at each event, so the feed costs a few fetches a second whether
     * anyone watches or not (answered at each event, it took 2.4 CPU-s of catalog-api over a step of 1,000 calls).
     */
    private static final Duration FETCH_MAX_WAIT = Duration.ofMillis(250);
    private static final int FETCH_MIN_BYTES = 64 * 1024;

    private final CatalogEventDecoder decoder;
    private final LiveRecordings live;

    public LiveSessionFeed(CatalogEventDecoder decoder, LiveRecordings live) {
        this.decoder = decoder;
        this.live = live;
    }

    /** From the end: the live view's snapshot covers what came before. Kafka away: asked again every second. */
    void start(@Observes StartupEvent startup, ConsumerLoops loops) {
        loops.hearEveryPartition(ConsumerLoopSettings.withoutGroup("catalog-live-sessions", List.of(Topics.SESSIONS),
                ConsumerLoopSettings.Start.END, Duration.ofSeconds(1))
                .withFetchBatching(FETCH_MIN_BYTES, FETCH_MAX_WAIT), this);
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
