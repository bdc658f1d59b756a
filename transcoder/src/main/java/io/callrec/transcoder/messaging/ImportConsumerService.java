package io.callrec.transcoder.messaging;

import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.CommitPolicy;
import io.callrec.platform.kafka.ConsumerLoop;
import io.callrec.platform.kafka.ConsumerLoopSettings;
import io.callrec.platform.kafka.ConsumerLoops;
import io.callrec.transcoder.config.TranscoderConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/**
 * Consumes {@code callrec.imports} one request at a time ({@link ImportRequestHandler} on a {@link ConsumerLoop}),
 * each request committed once it is done with.
 */
@ApplicationScoped
public class ImportConsumerService {
    /** A large capture may take a while: do not lose the partition over it. */
    private static final Duration LONGEST_IMPORT = Duration.ofMinutes(30);

    private final ConsumerLoop loop;

    public ImportConsumerService(ConsumerLoops loops, TranscoderConfig config, ImportRequestHandler handler) {
        ConsumerLoopSettings settings = ConsumerLoopSettings.of("import-consumer", config.consumerGroup() + "-imports",
                        List.of(Topics.IMPORTS), config.retryBackoff())
                .withMaxPollRecords(1)
                .withMaxPollInterval(LONGEST_IMPORT);
        this.loop = loops.eachRecord(settings, handler, CommitPolicy.handledRecords());
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }
}
