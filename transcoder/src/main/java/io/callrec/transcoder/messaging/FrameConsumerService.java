package io.callrec.transcoder.messaging;

import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.ConsumerLoop;
import io.callrec.platform.kafka.ConsumerLoopSettings;
import io.callrec.platform.kafka.ConsumerLoops;
import io.callrec.platform.kafka.DeadLetterPublisher;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.service.RecordingFinisher;
import io.callrec.transcoder.storage.RecordingStore;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/** Runs the frame consumer ({@link FrameBatchHandler} on a {@link ConsumerLoop}) for the life of the service. */
@ApplicationScoped
public class FrameConsumerService {
    /**
     * A poll waits for this much frame data (about 55 batches of one second of G.711) or {@link #FETCH_MAX_WAIT}.
     * Kafka's default answers a fetch at its first byte, so a busy consumer takes many small polls, each with a
     * fetch and an after-poll pass over the open recordings.
     */
    private static final int FETCH_MIN_BYTES = 512 * 1024;
    /**
     * Small beside the 2 s stop-to-available goal; it is also how often an idle consumer fetches (each empty fetch
     * costs the broker and this consumer CPU: 100 ms made the frame consumer the transcoder's busiest idle thread).
     */
    private static final Duration FETCH_MAX_WAIT = Duration.ofMillis(250);
    /** One poll takes a whole fetch of {@link #FETCH_MIN_BYTES} (about 600 batches): one after-poll pass. */
    private static final int MAX_POLL_RECORDS = 1000;
    /**
     * A poll returns as soon as a fetch brings records; without any, this is how often the lost-ingest check runs
     * (its limit is 90 s) and idle offsets are committed.
     */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final ConsumerLoops loops;
    private final TranscoderConfig config;
    private final RecordingFinisher finisher;
    private final RecordingStore store;
    private final DeadLetterPublisher deadLetters;
    private final Counter ingestLost;
    private ConsumerLoop loop;

    public FrameConsumerService(ConsumerLoops loops, TranscoderConfig config, RecordingFinisher finisher,
                                RecordingStore store, DeadLetterPublisher deadLetters, MeterRegistry registry) {
        this.loops = loops;
        this.config = config;
        this.finisher = finisher;
        this.store = store;
        this.deadLetters = deadLetters;
        this.ingestLost = Counter.builder("callrec.transcoder.ingest.lost")
                .description("Recordings finished without end of stream because their rtp-ingest was lost")
                .register(registry);
    }

    void start(@Observes StartupEvent event) throws IOException {
        Files.createDirectories(config.spoolDir());
        loop = newLoop(config.consumerGroup(), Topics.FRAMES);
        loop.start();
    }

    /** A frame consumer over {@code topic} in {@code group}, configured like the service's own; not started. */
    public ConsumerLoop newLoop(String group, String topic) {
        OpenRecordingsCommitPolicy ledger = new OpenRecordingsCommitPolicy();
        FrameBatchHandler handler = new FrameBatchHandler(ledger, config.spoolDir(),
                new TimelineSettings(config.reorderWindowPackets(), config.maxGap().toMillis()), finisher, store,
                deadLetters, ingestLost, config.ingestLostAfter());
        ConsumerLoopSettings settings = ConsumerLoopSettings.of("frame-consumer", group, List.of(topic),
                config.retryBackoff()).withPollTimeout(POLL_TIMEOUT)
                .withMaxPollRecords(MAX_POLL_RECORDS)
                .withFetchBatching(FETCH_MIN_BYTES, FETCH_MAX_WAIT);
        return loops.eachRecord(settings, handler, ledger);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }
}
