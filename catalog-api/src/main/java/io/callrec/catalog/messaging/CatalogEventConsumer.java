package io.callrec.catalog.messaging;

import io.callrec.catalog.config.IndexingConfig;
import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.ConsumerLoop;
import io.callrec.platform.kafka.ConsumerLoopSettings;
import io.callrec.platform.kafka.ConsumerLoops;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Feeds the catalog from callrec.sessions and callrec.recordings: {@link CatalogEventWriter} on a
 * {@link ConsumerLoop}, each poll committed only once its transaction is. No error stops it: the service stays fed
 * once the cause is gone.
 */
@ApplicationScoped
public class CatalogEventConsumer {
    private static final Logger LOG = Logger.getLogger(CatalogEventConsumer.class);
    /**
     * A fetch waits this long for {@link #FETCH_MIN_BYTES} of events. Answered at the first event, a poll held one
     * or two events at 1,000 steady calls, and each poll is a transaction; a recording's three events took two. A
     * burst fills the fetch at once and waits for nothing.
     */
    private static final Duration FETCH_MAX_WAIT = Duration.ofMillis(100);
    private static final int FETCH_MIN_BYTES = 64 * 1024;

    private final ConsumerLoops loops;
    private final IndexingConfig config;
    private final CatalogEventWriter writer;
    private ConsumerLoop loop;

    public CatalogEventConsumer(ConsumerLoops loops, IndexingConfig config, CatalogEventWriter writer) {
        this.loops = loops;
        this.config = config;
        this.writer = writer;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("Event indexing is disabled (callrec.indexing.enabled=false)");
            return;
        }
        ConsumerLoopSettings settings = ConsumerLoopSettings.of("catalog-indexer", config.groupId(),
                        List.of(Topics.SESSIONS, Topics.RECORDINGS), config.retryBackoff())
                .withMaxPollRecords(config.maxBatch())
                .withPollTimeout(Duration.ofSeconds(1))
                .withFetchBatching(FETCH_MIN_BYTES, FETCH_MAX_WAIT);
        loop = loops.wholePolls(settings, writer);
        loop.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }
}
