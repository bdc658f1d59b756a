package io.callrec.transcoder.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.ImportRequest;
import io.callrec.contracts.Topics;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.service.ImportProcessor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@code callrec.imports} one request at a time on a thread of its own, committing each request's offset
 * only once its recording is announced; a request that failed for a passing reason is read again after a pause.
 */
@ApplicationScoped
public class ImportConsumerService {
    private static final Logger LOG = Logger.getLogger(ImportConsumerService.class);

    private final String bootstrapServers;
    private final TranscoderConfig config;
    private final ImportProcessor processor;
    private final ObjectMapper json;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;
    private Thread thread;

    public ImportConsumerService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                 TranscoderConfig config, ImportProcessor processor, ObjectMapper json) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.processor = processor;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup() + "-imports",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                // A large capture may take a while: do not lose the partition over it.
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30 * 60 * 1000),
                new StringDeserializer(), new StringDeserializer());
        thread = new Thread(this::run, "import-consumer");
        thread.start();
    }

    private void run() {
        consumer.subscribe(List.of(Topics.IMPORTS));
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (handle(record)) {
                        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                    } else {
                        consumer.seek(partition, record.offset());
                        Thread.sleep(config.retryBackoff().toMillis());
                        break;
                    }
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // shutting down
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** True when the request is done with (announced, or unreadable as a request at all). */
    private boolean handle(ConsumerRecord<String, String> record) {
        ImportRequest request;
        try {
            request = json.readValue(record.value(), ImportRequest.class);
        } catch (Exception e) {
            LOG.errorf("Skipping unreadable import request at offset %d: %s", record.offset(), e.getMessage());
            return true;
        }
        try {
            processor.process(request);
            return true;
        } catch (Exception e) {
            LOG.warnf("Import %s not done yet (%s); retrying", request.recordingId(), e.getMessage());
            return false;
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            thread.join(10_000);
        }
    }
}
