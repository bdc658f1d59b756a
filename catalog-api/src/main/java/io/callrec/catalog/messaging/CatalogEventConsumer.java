package io.callrec.catalog.messaging;

import io.callrec.catalog.config.IndexingConfig;
import io.callrec.catalog.service.CatalogEvent;
import io.callrec.catalog.service.Reactive;
import io.callrec.catalog.service.RecordingIndexer;
import io.callrec.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * is harmless because every merge is idempotent.
 */
@ApplicationScoped
public class CatalogEventConsumer {
    private static final Logger LOG = Logger.getLogger(CatalogEventConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final Map<String, Object> kafkaConfig;
    private final IndexingConfig config;
    private final CatalogEventDecoder decoder;
    private final RecordingIndexer indexer;
    private final Counter indexed;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public CatalogEventConsumer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                                IndexingConfig config, CatalogEventDecoder decoder, RecordingIndexer indexer,
                                MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.decoder = decoder;
        this.indexer = indexer;
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
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = consumer) {
            kafka.subscribe(List.of(Topics.SESSIONS, Topics.RECORDINGS));
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    writeOrRewind(kafka, records);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            LOG.debug("Event indexing stopped");
        } catch (RuntimeException e) {
            LOG.error("Event indexing stopped on an unexpected error; the service is no longer fed", e);
        }
    }

    private void writeOrRewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records)
            throws InterruptedException {
        List<CatalogEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            decoder.decode(record.topic(), record.key(), record.value()).ifPresent(events::add);
        }
        try {
            if (!events.isEmpty()) {
                Reactive.await(() -> indexer.index(events));
            }
            kafka.commitSync();
            indexed.increment(events.size());
        } catch (RuntimeException e) {
            LOG.warnf("Writing %d events failed, retrying in %s: %s", events.size(), config.retryBackoff(),
                    e.getMessage());
            for (TopicPartition partition : records.partitions()) {
                if (kafka.assignment().contains(partition)) {
                    kafka.seek(partition, records.records(partition).get(0).offset());
                }
            }
            stopping.await(config.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
