package io.callrec.catalog.messaging;

import io.callrec.catalog.service.CatalogEvent;
import io.callrec.catalog.service.LiveRecordings;
import io.callrec.contracts.Topics;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Hears every partition of callrec.sessions from now on, without a consumer group (each replica serves its own
 * live viewers, whatever partitions it indexes) and without committing, and hands the events to
 * {@link LiveRecordings}. A message that is not a session event is skipped: the indexer sets it aside.
 */
@ApplicationScoped
public class LiveSessionFeed {
    private static final Logger LOG = Logger.getLogger(LiveSessionFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final Map<String, Object> kafkaConfig;
    private final CatalogEventDecoder decoder;
    private final LiveRecordings live;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public LiveSessionFeed(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                           CatalogEventDecoder decoder, LiveRecordings live) {
        this.kafkaConfig = kafkaConfig;
        this.decoder = decoder;
        this.live = live;
    }

    void start(@Observes StartupEvent startup) {
        Map<String, Object> properties = new HashMap<>(kafkaConfig);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Until TopicInitializer made it, the topic must not be auto-created with the broker's one partition.
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(properties);
        running = true;
        thread = new Thread(this::run, "catalog-live-sessions");
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

    private void run() {
        boolean failing = false;
        try (KafkaConsumer<String, byte[]> kafka = consumer) {
            while (running) {
                try {
                    if (kafka.assignment().isEmpty() && !assignFromTheEnd(kafka)) {
                        stopping.await(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS); // topic not made yet
                    } else {
                        kafka.poll(POLL_TIMEOUT).forEach(this::hand);
                    }
                    failing = false;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Kafka away: the client reconnects by itself; viewers reconnect and get a fresh snapshot.
                    if (!failing) {
                        LOG.warnf("Live session events not heard until Kafka answers: %s", e.getMessage());
                    }
                    failing = true;
                    stopping.await(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            LOG.debug("Live session feed stopped");
        }
    }

    /** Partitions from their current end (the snapshot covers what came before); false while there are none. */
    private static boolean assignFromTheEnd(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(Topics.SESSIONS, POLL_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            return false;
        }
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        partitions.forEach(kafka::position); // fixes the end now, not at the first poll
        return true;
    }

    private void hand(ConsumerRecord<String, byte[]> record) {
        try {
            if (decoder.decode(record.topic(), record.value()) instanceof CatalogEvent.Session session) {
                live.publish(session.event());
            }
        } catch (UndecodableEventException e) {
            LOG.debugf("Live view skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }
}
