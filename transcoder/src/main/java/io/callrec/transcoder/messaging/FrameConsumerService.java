package io.callrec.transcoder.messaging;

import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.DeadLetterPublisher;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.service.RecordingFinisher;
import io.callrec.transcoder.storage.RecordingStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs the frame consumer on a thread of its own for the life of the service. */
@ApplicationScoped
public class FrameConsumerService {
    private final String bootstrapServers;
    private final TranscoderConfig config;
    private final RecordingFinisher finisher;
    private final RecordingStore store;
    private final DeadLetterPublisher deadLetters;
    private final Counter ingestLost;
    private FrameConsumerLoop loop;
    private Thread thread;

    public FrameConsumerService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                TranscoderConfig config, RecordingFinisher finisher, RecordingStore store,
                                DeadLetterPublisher deadLetters, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
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
        thread = new Thread(loop, "frame-consumer");
        thread.start();
    }

    /** A consumer loop over {@code topic} in {@code group}, configured like the service's own. */
    public FrameConsumerLoop newLoop(String group, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                // A killed transcoder's partitions go to its replacement after 10 s, not Kafka's default 45 s.
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        return new FrameConsumerLoop(consumer, topic, config, finisher, store, deadLetters, ingestLost);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(15_000);
        }
    }
}
