package io.callrec.ingest.messaging;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.Topics;
import io.callrec.ingest.config.IngestConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends frame batches to {@code callrec.frames}, keyed by recording id, idempotent with {@code acks=all}.
 * Sends happen on one thread of their own, so a slow or absent Kafka never blocks an event loop; what is
 * waiting is bounded by {@code callrec.ingest.send-buffer-max}. A batch beyond that bound is refused (the caller
 * counts its frames as dropped); an end-of-stream batch is always accepted, so every recording ends.
 */
@ApplicationScoped
public class FramePublisher {
    private static final Logger LOG = Logger.getLogger(FramePublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "frame-publisher"));
    private final long maxBufferedBytes;
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final Timer sendLatency;
    private final Counter sendFailures;
    private volatile boolean overflowing;

    public FramePublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                          IngestConfig config, MeterRegistry registry) {
        this.maxBufferedBytes = config.sendBufferMax().asLongValue();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                // Our own bound gates what enters; the producer's buffer must never be the one to fill.
                ProducerConfig.BUFFER_MEMORY_CONFIG, maxBufferedBytes + 64L * 1024 * 1024,
                // Kafka away for minutes is "briefly unavailable": keep retrying rather than losing audio.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis()),
                new StringSerializer(), new ByteArraySerializer());
        this.sendLatency = Timer.builder("callrec.ingest.kafka.send.latency")
                .description("Time from handing a frame batch to Kafka until it is acknowledged")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        this.sendFailures = Counter.builder("callrec.ingest.kafka.send.failures")
                .description("Frame batches Kafka did not accept in time (their audio is lost)").register(registry);
        registry.gauge("callrec.ingest.send.buffer.bytes", bufferedBytes);
    }

    /**
     * Queues a batch for Kafka. Returns false (and sends nothing) when the buffer is full; end-of-stream batches
     * are always taken.
     */
    public boolean publish(FrameBatch batch) {
        return publish(batch, () -> { });
    }

    /**
     * Like {@link #publish(FrameBatch)}; {@code delivered} runs (on the producer's thread, so it must be quick)
     * once Kafka acknowledged the batch, and never if it was refused or not delivered.
     */
    public boolean publish(FrameBatch batch, Runnable delivered) {
        byte[] bytes = FrameBatchCodec.encode(batch);
        if (!batch.endOfStream() && bufferedBytes.get() + bytes.length > maxBufferedBytes) {
            if (!overflowing) {
                overflowing = true;
                LOG.errorf("Frame buffer full (%d bytes waiting for Kafka): dropping frames until Kafka catches up",
                        bufferedBytes.get());
            }
            return false;
        }
        overflowing = false;
        bufferedBytes.addAndGet(bytes.length);
        String key = batch.recordingId().toString();
        sender.execute(() -> send(key, bytes, batch, delivered));
        return true;
    }

    private void send(String key, byte[] bytes, FrameBatch batch, Runnable delivered) {
        long started = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(Topics.FRAMES, key, bytes), (metadata, error) -> {
                bufferedBytes.addAndGet(-bytes.length);
                sendLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                if (error != null) {
                    sendFailures.increment();
                    LOG.errorf("Recording %s: frame batch %d (%d frames) not delivered to Kafka: %s",
                            batch.recordingId(), batch.batchSequence(), batch.frames().size(), error.getMessage());
                } else {
                    delivered.run();
                }
            });
        } catch (RuntimeException e) {
            bufferedBytes.addAndGet(-bytes.length);
            sendFailures.increment();
            LOG.errorf("Recording %s: frame batch %d could not be sent: %s", batch.recordingId(),
                    batch.batchSequence(), e.getMessage());
        }
    }

    public long bufferedBytes() {
        return bufferedBytes.get();
    }

    void stop(@Observes ShutdownEvent event) {
        sender.shutdown();
        try {
            sender.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(30));
    }
}
