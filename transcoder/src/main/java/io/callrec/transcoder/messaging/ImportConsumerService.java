package io.callrec.transcoder.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.ImportRequest;
import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.DeadLetterException;
import io.callrec.platform.kafka.DeadLetterPublisher;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.service.ImportFailurePolicy;
import io.callrec.transcoder.service.ImportProcessor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@code callrec.imports} one request at a time on a thread of its own, committing each request's offset
 * only once its recording is announced; a request that failed for a passing reason is read again after a pause.
 * One that cannot succeed ({@link ImportFailurePolicy}) fails its recording and is set aside on the dead-letter
 * topic, as is a record that is no import request: neither holds up the requests behind it.
 */
@ApplicationScoped
public class ImportConsumerService {
    private static final Logger LOG = Logger.getLogger(ImportConsumerService.class);

    private final String bootstrapServers;
    private final TranscoderConfig config;
    private final ImportProcessor processor;
    private final ImportFailurePolicy failures;
    private final DeadLetterPublisher deadLetters;
    private final ObjectMapper json;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private Thread thread;

    public ImportConsumerService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                 TranscoderConfig config, ImportProcessor processor, ImportFailurePolicy failures,
                                 DeadLetterPublisher deadLetters, ObjectMapper json) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.processor = processor;
        this.failures = failures;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup() + "-imports",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                // A large capture may take a while: do not lose the partition over it.
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30 * 60 * 1000),
                new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "import-consumer");
        thread.start();
    }

    private void run() {
        consumer.subscribe(List.of(Topics.IMPORTS));
        try {
            while (running) {
                try {
                    readNext();
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    // A commit or poll that failed (Kafka away, rebalance): the thread must not die of it.
                    LOG.errorf(e, "Reading imports failed; going on in %s", config.retryBackoff());
                    Thread.sleep(config.retryBackoff().toMillis());
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // shutting down
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void readNext() throws InterruptedException {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (handle(record)) {
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            } else {
                consumer.seek(partition, record.offset());
                Thread.sleep(config.retryBackoff().toMillis());
                return;
            }
        }
    }

    /** True when the request is done with (announced, failed for good, or set aside). */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        ImportRequest request;
        try {
            request = json.readValue(record.value(), ImportRequest.class);
        } catch (Exception e) {
            return setAside(record, "not an import request: " + e.getMessage());
        }
        if (request.recordingId() == null) {
            return setAside(record, "not an import request: no recording id");
        }
        try {
            processor.process(request);
            failures.forget(request.recordingId());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            Optional<String> reason = failures.giveUpReason(request.recordingId(), e);
            return reason.isPresent() && giveUp(record, request, reason.get());
        }
    }

    private boolean giveUp(ConsumerRecord<String, byte[]> record, ImportRequest request, String reason) {
        try {
            processor.fail(request, reason);
        } catch (Exception e) {
            LOG.warnf("Import %s: the failure could not be announced yet (%s); retrying", request.recordingId(),
                    e.getMessage());
            return false;
        }
        return setAside(record, reason);
    }

    /** False when Kafka did not store the dead letter: the record is read again then. */
    private boolean setAside(ConsumerRecord<String, byte[]> record, String reason) {
        try {
            deadLetters.setAside(record, reason);
            return true;
        } catch (DeadLetterException e) {
            LOG.warnf("%s; retrying", e.getMessage());
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
