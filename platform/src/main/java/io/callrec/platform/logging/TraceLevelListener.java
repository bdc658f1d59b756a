package io.callrec.platform.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.Topics;
import io.callrec.contracts.TraceLevels;
import io.callrec.platform.kafka.ConsumerLoopSettings;
import io.callrec.platform.kafka.ConsumerLoops;
import io.callrec.platform.kafka.RecordHandler;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies the trace levels the catalog publishes on {@link Topics#TRACE_LEVELS} to this service's loggers. It
 * reads the compacted topic from its beginning without a consumer group: every replica applies every change, and
 * a service that starts gets the current levels.
 */
@ApplicationScoped
public class TraceLevelListener implements RecordHandler {
    private static final Logger LOG = Logger.getLogger(TraceLevelListener.class);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    private final ConsumerLoops loops;
    private final ObjectMapper json;
    private final LoggerLevels loggers;

    public TraceLevelListener(ConsumerLoops loops, ObjectMapper json, LoggerLevels loggers) {
        this.loops = loops;
        this.json = json;
        this.loggers = loggers;
    }

    public void start(@Observes StartupEvent startup) {
        loops.hearEveryPartition(ConsumerLoopSettings.withoutGroup("trace-levels", List.of(Topics.TRACE_LEVELS),
                ConsumerLoopSettings.Start.BEGINNING, BACKOFF), this);
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone: no levels to apply
        }
        TraceLevels levels;
        try {
            levels = json.readValue(record.value(), TraceLevels.class);
        } catch (IOException e) {
            // A later set replaces it; holding the partition up would keep every later change out.
            LOG.warnf("Trace levels at %s-%d@%d ignored, not a TraceLevels record: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return;
        }
        loggers.apply(levels);
        LOG.debugf("Trace levels applied: %s", levels.levels());
    }
}
