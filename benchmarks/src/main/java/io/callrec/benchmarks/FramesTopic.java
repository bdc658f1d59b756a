package io.callrec.benchmarks;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.StreamCounters;
import io.callrec.contracts.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What rtp-ingest put on {@code callrec.frames}: read back with a plain consumer (no group, every partition) from
 * given offsets, frames counted per recording without keeping them.
 */
final class FramesTopic implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    /**
     * A recording's frames on the topic.
     *
     * @param frames   frames in all its batches
     * @param counters rtp-ingest's counters from its end-of-stream batch; null until that batch was read
     */
    record RecordingFrames(long frames, StreamCounters counters) {
        static final RecordingFrames NONE = new RecordingFrames(0, null);

        RecordingFrames plus(FrameBatch batch) {
            return new RecordingFrames(frames + batch.frames().size(),
                    batch.endOfStream() ? batch.counters() : counters);
        }
    }

    FramesTopic(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(Topics.FRAMES).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
    }

    /** Where the topic ends now: read from here to see only what comes after. */
    Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /**
     * Counts the frames of {@code recordings} from {@code offsets} on, until every one's end-of-stream batch was
     * read or {@code timeout} passed.
     */
    Map<UUID, RecordingFrames> read(Map<TopicPartition, Long> offsets, Set<UUID> recordings, Duration timeout) {
        offsets.forEach(consumer::seek);
        Map<UUID, RecordingFrames> tally = new HashMap<>();
        int ended = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ended < recordings.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                FrameBatch batch = FrameBatchCodec.decode(record.value());
                if (recordings.contains(batch.recordingId())) {
                    tally.compute(batch.recordingId(),
                            (id, sofar) -> (sofar != null ? sofar : RecordingFrames.NONE).plus(batch));
                    if (batch.endOfStream()) {
                        ended++;
                    }
                }
            }
        }
        return tally;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
