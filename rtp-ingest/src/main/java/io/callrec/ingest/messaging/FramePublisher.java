package io.callrec.ingest.messaging;

import io.callrec.contracts.EncodedFrameBatch;
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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * waiting is bounded by {@code callrec.ingest.send-buffer-max}. The event loops hand batches over through a queue
 * that thread drains {@value #HAND_OVER_DELAY_MILLIS} ms after the first batch since its last drain: a loop's timer
 * ends many recordings' batches at once, and one wake-up of the thread for all of them costs far less than one per
 * batch. A batch beyond that bound is refused (the caller
 * counts its frames as dropped); an end-of-stream batch is always accepted, so every recording ends.
 */
@ApplicationScoped
public class FramePublisher {
    private static final Logger LOG = Logger.getLogger(FramePublisher.class);
    private static final long HAND_OVER_DELAY_MILLIS = 2;

    private final KafkaProducer<String, byte[]> producer;

    private final ScheduledExecutorService sender =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "frame-publisher"));
    /** Batches handed over and not yet given to the producer, in the order they were handed over. */
    private final Queue<Outgoing> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
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
                // The broker's CPU goes by produce requests, not by records or bytes: one request per 100 ms for
                // every partition's batches (at 1,000 calls ~1 MB) cost it half of what one per 20 ms did, for at
                // most 80 ms more delay.
                ProducerConfig.LINGER_MS_CONFIG, 100,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                // Room for every partition's batch in that one request (Kafka's 1 MB would split it at ~1,000 calls).
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024,
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

    private record Outgoing(EncodedFrameBatch batch, Runnable delivered) {
    }

    /**
     * Queues a batch for Kafka. Returns false (and sends nothing) when the buffer is full; end-of-stream batches
     * are always taken.
     */
    public boolean publish(EncodedFrameBatch batch) {
        return publish(batch, () -> { });
    }

    /**
     * Like {@link #publish(EncodedFrameBatch)}; {@code delivered} runs (on the producer's thread, so it must be
     * quick) once Kafka acknowledged the batch, and never if it was refused or not delivered.
     */
    public boolean publish(EncodedFrameBatch batch, Runnable delivered) {
        byte[] bytes = batch.bytes();
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
        handedOver.add(new Outgoing(batch, delivered));
        if (drainScheduled.compareAndSet(false, true)) {
            sender.schedule(this::drain, HAND_OVER_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    private void drain() {
        // Cleared first: a batch handed over from here on schedules the next drain.
        drainScheduled.set(false);
        for (Outgoing outgoing = handedOver.poll(); outgoing != null; outgoing = handedOver.poll()) {
            send(outgoing.batch(), outgoing.delivered());
        }
    }

    private void send(EncodedFrameBatch batch, Runnable delivered) {
        byte[] bytes = batch.bytes();
        String key = batch.recordingId().toString();
        long started = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(Topics.FRAMES, key, bytes), (metadata, error) -> {
                bufferedBytes.addAndGet(-bytes.length);
                sendLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                if (error != null) {
                    sendFailures.increment();
                    LOG.errorf("Recording %s: frame batch %d (%d frames) not delivered to Kafka: %s",
                            batch.recordingId(), batch.batchSequence(), batch.frames(), error.getMessage());
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
