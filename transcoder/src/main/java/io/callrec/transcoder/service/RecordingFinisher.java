package io.callrec.transcoder.service;

import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.RecordingEvent;
import io.callrec.platform.storage.FileChecksum;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.messaging.RecordingEventPublisher;
import io.callrec.transcoder.storage.RecordingStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Takes finished WAV files to the bucket and announces them: SHA-256, upload to the deterministic key, then
 * "recording stored". Retries (with a pause) until both succeed — an object store or Kafka outage delays a
 * recording, never drops it. Runs on {@code finishers} threads of its own, in any order (the frame consumer commits
 * only below its oldest recording not yet announced); {@code done} is called once a recording is announced. A
 * streamed recording's WAV is completed here too ({@link #complete}: the last audio written, the channels of a
 * SIPREC session merged), so that the frame consumer's thread only reads frames. At most {@code finish-queue}
 * recordings wait for a thread: past that, {@link #finish} and {@link #complete} block their caller.
 */
@ApplicationScoped
public class RecordingFinisher {
    private static final Logger LOG = Logger.getLogger(RecordingFinisher.class);

    private final RecordingStore store;
    private final RecordingEventPublisher events;
    private final long backoffMillis;
    private final ExecutorService workers;
    /** One permit per recording that may be queued or in progress. */
    private final Semaphore places;
    private final int placeCount;
    private final Timer uploadTime;
    private final MeterRegistry registry;
    private volatile boolean stopping;

    public RecordingFinisher(RecordingStore store, RecordingEventPublisher events, TranscoderConfig config,
                             MeterRegistry registry) {
        this.store = store;
        this.events = events;
        this.backoffMillis = config.retryBackoff().toMillis();
        this.registry = registry;
        int threads = config.finishers().orElse(16 * Runtime.getRuntime().availableProcessors());
        AtomicInteger numbered = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, "recording-finisher-" + numbered.incrementAndGet()));
        this.placeCount = threads + config.finishQueue();
        this.places = new Semaphore(placeCount);
        this.uploadTime = Timer.builder("callrec.transcoder.upload.time")
                .description("Hash, upload and announce of one recording").register(registry);
        Gauge.builder("callrec.transcoder.finishing", places, p -> placeCount - p.availablePermits())
                .description("Recordings finished locally, waiting for or in upload and announcement")
                .register(registry);
        LOG.infof("Finishing recordings on %d threads, up to %d waiting", threads, config.finishQueue());
    }

    /**
     * Queues the recording, waiting while {@code finish-queue} recordings already wait; {@code done} runs on a
     * finisher thread after "stored" is in Kafka.
     */
    public void finish(AssembledRecording recording, Runnable done) {
        submit(recording.recordingId(), () -> storeAndAnnounce(recording, done));
    }

    /**
     * Like {@link #finish}, for a recording whose WAV is still to be completed: {@code assembly.finish} runs on a
     * finisher thread. If that fails (spool disk), the partial files are dropped and {@code failed} hears why;
     * nothing is stored or announced.
     */
    public void complete(RecordingAssembly assembly, String unendedReason, Runnable done,
                         Consumer<Exception> failed) {
        submit(assembly.recordingId(), () -> {
            AssembledRecording recording;
            try {
                recording = assembly.finish(unendedReason);
            } catch (IOException | RuntimeException e) {
                assembly.discard();
                failed.accept(e);
                return;
            }
            storeAndAnnounce(recording, done);
        });
    }

    private void submit(UUID recordingId, Runnable work) {
        places.acquireUninterruptibly();
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } finally {
                    places.release();
                }
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: left unannounced, so its frames are read again by the next owner of the partition.
            places.release();
            LOG.infof("Recording %s not finished: shutting down", recordingId);
        }
    }

    /** Announces a recording that could not be made at all (e.g. an unreadable import). */
    public void fail(RecordingEvent failure) throws Exception {
        events.publish(failure);
        registry.counter("callrec.transcoder.recordings", "result", "failed").increment();
    }

    private void storeAndAnnounce(AssembledRecording recording, Runnable done) {
        while (!stopping) {
            try {
                long started = System.nanoTime();
                RecordingEvent event = store(recording);
                events.publish(event);
                Files.deleteIfExists(recording.wavFile());
                uploadTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                registry.counter("callrec.transcoder.recordings", "result", "stored").increment();
                LOG.debugf("Recording %s stored as %s", recording.recordingId(), event.objectKey());
                done.run();
                return;
            } catch (Exception e) {
                LOG.warnf("Recording %s: not stored yet (%s); retrying in %d ms", recording.recordingId(),
                        e.getMessage(), backoffMillis);
                pause();
            }
        }
    }

    private RecordingEvent store(AssembledRecording r) throws Exception {
        String key = ObjectKeys.recording(r.recordingId(), r.startedAt());
        String sha256 = FileChecksum.sha256(r.wavFile());
        store.upload(key, r.wavFile());
        var f = r.figures();
        return new RecordingEvent(RecordingEvent.STORED, r.recordingId(), key, Files.size(r.wavFile()),
                f.durationMillis(), r.sampleRate(), r.channels(), r.codec(), sha256, f.packetsReceived(), f.packetsLost(),
                f.packetsDuplicate() + r.duplicatesBeforeTimeline(), f.packetsLate(), f.concealedMillis(),
                r.stopReason(), r.warning(), null, r.endedAt());
    }

    private void pause() {
        try {
            Thread.sleep(backoffMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
            stopping = true;
            workers.shutdownNow();
        }
    }
}
