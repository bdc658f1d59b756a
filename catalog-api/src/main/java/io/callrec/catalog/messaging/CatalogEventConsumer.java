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
                .withPollTimeout(Duration.ofSeconds(1));
        loop = loops.wholePolls(settings, writer);
        loop.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }
}
