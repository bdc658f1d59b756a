package io.callrec.transcoder.service;

import io.callrec.contracts.Codec;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.StreamCounters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test input: a codec fixture cut into 20 ms RTP frames and published as frame batches, as rtp-ingest would. */
final class FrameFeed implements AutoCloseable {
    static final long STARTED_AT = 1_763_900_000_000L;

    private final KafkaProducer<String, byte[]> producer;

    FrameFeed(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** 160-byte frames (20 ms; G.722 too, its RTP clock being 8 kHz) of a fixture, in sending order. */
    static List<RtpFrame> frames(String resource, int payloadType) {
        return frames(resource, payloadType, 0);
    }

    /** As {@link #frames(String, int)}, the first arriving {@code delayMicros} after the recording started. */
    static List<RtpFrame> frames(String resource, int payloadType, long delayMicros) {
        byte[] audio = resource(resource);
        List<RtpFrame> frames = new ArrayList<>();
        for (int i = 0; i * 160 < audio.length; i++) {
            byte[] payload = java.util.Arrays.copyOfRange(audio, i * 160, Math.min(audio.length, (i + 1) * 160));
            frames.add(new RtpFrame((65_500 + i) & 0xFFFF, (0xFFFF_F000L + i * 160L) & 0xFFFF_FFFFL, payloadType,
                    i == 0, 0x11223344L, STARTED_AT * 1000 + delayMicros + i * 20_000L, payload));
        }
        return frames;
    }

    static byte[] resource(String name) {
        try (InputStream in = FrameFeed.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Publishes the frames in batches of {@code perBatch}, numbered from {@code firstBatch}; the last batch is the
     * end of stream when {@code end} is set. Returns where the last batch went.
     */
    RecordMetadata publish(String topic, UUID id, Codec codec, List<RtpFrame> frames, int perBatch,
                           long firstBatch, boolean end) throws Exception {
        RecordMetadata sent = null;
        for (FrameBatch batch : batches(id, 0, 1, codec, frames, perBatch, firstBatch, end)) {
            sent = send(topic, batch);
        }
        return sent;
    }

    /**
     * One channel's frames as rtp-ingest batches them: {@code perBatch} frames each, numbered from {@code firstBatch};
     * the last batch is the end of stream (reason {@code normal}) when {@code end} is set.
     */
    static List<FrameBatch> batches(UUID id, int channel, int channels, Codec codec, List<RtpFrame> frames,
                                    int perBatch, long firstBatch, boolean end) {
        List<FrameBatch> batches = new ArrayList<>();
        long sequence = firstBatch;
        for (int from = 0; from < frames.size() || (end && from == 0); from += perBatch) {
            List<RtpFrame> part = frames.subList(from, Math.min(frames.size(), from + perBatch));
            boolean last = end && from + perBatch >= frames.size();
            batches.add(new FrameBatch(id, channel, channels, codec, sequence++, STARTED_AT, part, last,
                    last ? new StreamCounters(frames.size(), 0, 0, 0, 0) : null, last ? "normal" : null));
        }
        return batches;
    }

    RecordMetadata send(String topic, FrameBatch batch) throws Exception {
        return send(topic, batch.recordingId(), FrameBatchCodec.encode(batch));
    }

    RecordMetadata send(String topic, UUID id, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, id.toString(), value)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
