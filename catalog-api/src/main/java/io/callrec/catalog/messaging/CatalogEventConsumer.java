package io.callrec.catalog.messaging;

import io.callrec.catalog.config.IndexingConfig;
import io.callrec.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Feeds the catalog from callrec.sessions and callrec.recordings on a thread of its own. Each poll is written in
 * one transaction and only then committed; a batch that fails is rewound and written again after a pause, which
 * is harmless because every merge is idempotent. After {@code max-attempts} failures in a row it is written event
 * by event, and an event the database refuses is set aside (see {@link CatalogEventWriter}). No error stops the
 * thread: the service stays fed once the cause is gone.
 */
@ApplicationScoped
public class CatalogEventConsumer {
    private static final Logger LOG = Logger.getLogger(CatalogEventConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final Map<String, Object> kafkaConfig;
    private final IndexingConfig config;
    private final CatalogEventWriter writer;
    private final Counter indexed;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private int failuresInARow;

    public CatalogEventConsumer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                                IndexingConfig config, CatalogEventWriter writer, MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.writer = writer;
        this.indexed = Counter.builder("callrec.catalog.events.indexed")
                .description("Session and recording events written to the catalog")
                .register(registry);
    }
    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("Event indexing is disabled (callrec.indexing.enabled=false)");
            return;
        }
        consumer = new KafkaConsumer<>(consumerProperties());
        running = true;
        thread = new Thread(this::run, "catalog-indexer");
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        stopping.countDown();
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>(kafkaConfig);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        // A killed catalog's partitions go to its replacement after 10 s, not Kafka's default 45 s.
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = consumer) {
            kafka.subscribe(List.of(Topics.SESSIONS, Topics.RECORDINGS));
            while (running) {
                writeNext(kafka);
            }
        } catch (WakeupException | InterruptedException e) {
            LOG.debug("Event indexing stopped");
        }
    }

    private void writeNext(KafkaConsumer<String, byte[]> kafka) throws InterruptedException {
        ConsumerRecords<String, byte[]> records = ConsumerRecords.empty();
        try {
            records = kafka.poll(POLL_TIMEOUT);
            if (records.isEmpty()) {
                return;
            }
            int written = failuresInARow < config.maxAttempts()
                    ? writer.writeTogether(records)
                    : writer.writeOneByOne(records);
            kafka.commitSync(); // only now: the database has committed
            indexed.increment(written);
            failuresInARow = 0;
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            failuresInARow++;
            String message = String.format("Writing %d records failed (%d in a row), retrying in %s: %s",
                    records.count(), failuresInARow, config.retryBackoff(), e.getMessage());
            if (failuresInARow == 1) {
                LOG.warn(message, e); // the trace once, not on every retry of an outage
            } else {
                LOG.warn(message);
            }
            rewind(kafka, records);
            stopping.await(config.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            if (kafka.assignment().contains(partition)) {
                kafka.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }
}
