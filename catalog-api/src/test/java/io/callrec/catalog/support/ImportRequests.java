package io.callrec.catalog.support;

import static org.awaitility.Awaitility.await;

import io.callrec.contracts.ImportRequest;
import io.callrec.contracts.Topics;
import io.callrec.stack.CallrecStackTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads callrec.imports as the transcoder would, to see what the catalog asked for. */
public final class ImportRequests {
    private static final Map<UUID, ConsumerRecord<String, String>> SEEN = new HashMap<>();
    private static KafkaConsumer<String, String> consumer;

    private ImportRequests() {
    }

    /** The request published for the recording, with its Kafka key. */
    public static synchronized ConsumerRecord<String, String> awaitFor(UUID recordingId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer().poll(Duration.ofMillis(200))) {
                SEEN.put(parse(record).recordingId(), record);
            }
            return SEEN.containsKey(recordingId);
        });
        return SEEN.get(recordingId);
    }

    public static ImportRequest parse(ConsumerRecord<String, String> record) {
        try {
            return Events.JSON.readValue(record.value(), ImportRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, CallrecStackTestResource.stack().kafkaBootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.IMPORTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        return consumer;
    }
}
