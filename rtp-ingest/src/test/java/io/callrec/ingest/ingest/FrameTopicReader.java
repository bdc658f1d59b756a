package io.callrec.ingest.ingest;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads callrec.frames from the start with a plain consumer, as the transcoder would. */
final class FrameTopicReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<FrameBatch> seen = new ArrayList<>();

    FrameTopicReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ingest-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.FRAMES));
    }

    /** Every batch of this recording seen so far, in topic order; checks each record's key. */
    List<FrameBatch> batchesOf(UUID recordingId) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            FrameBatch batch = FrameBatchCodec.decode(record.value());
            if (!record.key().equals(batch.recordingId().toString())) {
                throw new AssertionError("record key " + record.key() + " is not its recording id");
            }
            seen.add(batch);
        }
        return seen.stream().filter(b -> b.recordingId().equals(recordingId)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
