package io.callrec.gateway.service;

import io.callrec.contracts.DeviceId;
import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.ingest.SourceLatch;
import io.callrec.gateway.config.GatewayConfig;
import io.callrec.gateway.control.ControlMessage.RecordStartRequest;
import io.callrec.gateway.service.ingest.IngestClient;
import io.callrec.gateway.service.ingest.IngestDirectory;
import io.callrec.gateway.service.ingest.NoIngestCapacityException;
import io.callrec.gateway.messaging.SessionEventPublisher;
import io.callrec.gateway.messaging.StoppedEventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Starting and stopping recordings: access and limits, a port from the least loaded ingest, the session events.
 * A start is answered "success" only when the ingest has the port open and Kafka has the "started" event, so a
 * recording the phone believes in is never missing from the catalog; its "stopped" event is retried until Kafka
 * takes it.
 */
@ApplicationScoped
public class RecordingService {
    private static final Logger LOG = Logger.getLogger(RecordingService.class);

    private final AccessPolicy access;
    private final IngestDirectory directory;
    private final IngestClient ingest;
    private final SessionEventPublisher events;
    private final StoppedEventPublisher stoppedEvents;
    private final OpenRecordings openRecordings;
    private final GatewayConfig.Limits limits;
    private final MeterRegistry registry;
    private final Counter lost;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> openPerDevice = new ConcurrentHashMap<>();
    private final Map<String, Integer> openPerSource = new ConcurrentHashMap<>();

    public RecordingService(AccessPolicy access, IngestDirectory directory, IngestClient ingest,
                            SessionEventPublisher events, StoppedEventPublisher stoppedEvents,
                            OpenRecordings openRecordings, GatewayConfig config, MeterRegistry registry) {
        this.access = access;
        this.directory = directory;
        this.ingest = ingest;
        this.events = events;
        this.stoppedEvents = stoppedEvents;
        this.openRecordings = openRecordings;
        this.limits = config.limits();
        this.registry = registry;
        this.lost = registry.counter("callrec.gateway.recordings.lost");
        registry.gauge("callrec.gateway.recordings.open", open);
    }

    /** Starts a recording held by {@code owner}, which is told if the recording is lost later. */
    public Uni<OpenRecording> start(RecordStartRequest request, InetAddress phone, RecordingOwner owner) {
        if (!access.allows(phone, request.device())) {
            return refused("device-not-allowed", "device " + request.device() + " from " + phone.getHostAddress()
                    + " is not allowed to record");
        }
        return start(new RecordingStart(request.id(), request.device(), request.direction().wireName(),
                request.codec(), request.localNumber(), request.localName(), request.remoteNumber(),
                request.remoteName(), SourceLatch.SOURCE_ADDRESS), phone, owner);
    }

    /**
     * Starts a recording whose access was checked by the caller; {@code phone} is the asker's address, counted
     * against the per-source limit.
     */
    public Uni<OpenRecording> start(RecordingStart request, InetAddress phone, RecordingOwner owner) {
        String device = DeviceId.normalize(request.device());
        String phoneAddress = phone.getHostAddress();
        if (open.incrementAndGet() > limits.maxRecordingsTotal()) {
            open.decrementAndGet();
            return refused("limit-exceeded", "this gateway holds its maximum of " + limits.maxRecordingsTotal()
                    + " open recordings");
        }
        int deviceCount = device == null ? 0 : openPerDevice.merge(device, 1, Integer::sum);
        int sourceCount = openPerSource.merge(phoneAddress, 1, Integer::sum);
        if (deviceCount > limits.maxRecordingsPerDevice()) {
            release(device, phoneAddress);
            return refused("limit-exceeded", "device " + request.device() + " already has "
                    + limits.maxRecordingsPerDevice() + " open recordings");
        }
        if (sourceCount > limits.maxRecordingsPerSource()) {
            release(device, phoneAddress);
            return refused("limit-exceeded", phoneAddress + " already has " + limits.maxRecordingsPerSource()
                    + " open recordings");
        }
        UUID recordingId = UUID.randomUUID();
        Instant startedAt = Instant.now();
        return directory.allocate(recordingId, request.codec(), phoneAddress, request.latch(),
                        startedAt.toEpochMilli())
                .onFailure(NoIngestCapacityException.class).transform(e ->
                        new StartRefusedException("no-capacity", e.getMessage()))
                .onFailure(e -> !(e instanceof StartRefusedException)).transform(e ->
                        new StartRefusedException("internal-error", "ingest allocation failed: " + e.getMessage()))
                .flatMap(port -> events.publish(new SessionEvent(SessionEvent.STARTED, recordingId,
                                request.sessionId(), request.device(), phoneAddress, request.localNumber(),
                                request.localName(), request.remoteNumber(), request.remoteName(),
                                request.direction(), request.codec().name(), port.host(), port.port(), null,
                                startedAt))
                        .map(ok -> {
                            OpenRecording recording = new OpenRecording(recordingId, request.sessionId(), device,
                                    phoneAddress, port.ingest(), port.host(), port.port());
                            openRecordings.add(recording, owner);
                            return recording;
                        })
                        .onFailure(e -> !(e instanceof StartRefusedException)).call(e -> {
                            LOG.errorf("Recording %s: started event not stored (%s); releasing its port",
                                    recordingId, e.getMessage());
                            return ingest.end(port.ingest(), recordingId, StopReasons.START_FAILED)
                                    .onFailure().recoverWithNull();
                        })
                        .onFailure(e -> !(e instanceof StartRefusedException)).transform(e ->
                                new StartRefusedException("recording-unavailable", "started event not stored")))
                .invoke(rec -> count("success"))
                .onFailure().invoke(e -> {
                    release(device, phoneAddress);
                    count(e instanceof StartRefusedException r ? r.reason() : "internal-error");
                });
    }

    /**
     * Ends the recording at the ingest (which sends its end-of-stream batch) and publishes "stopped" with the
     * reason it really ended with (an RTP timeout may have come first). Does nothing when the recording has
     * already been ended (its ingest was lost).
     */
    public Uni<Void> stop(OpenRecording recording, String reason) {
        if (openRecordings.remove(recording.recordingId()).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ingest.end(recording.ingest(), recording.recordingId(), reason)
                .map(ending -> ending.reason() == null || ending.reason().isEmpty() ? reason : ending.reason())
                .onFailure().recoverWithItem(e -> {
                    // The ingest is gone: its own shutdown or RTP timeout ends the stream; the reason stays ours.
                    LOG.warnf("Recording %s: ingest %s did not confirm the end: %s", recording.recordingId(),
                            recording.ingest(), e.getMessage());
                    return reason;
                })
                .flatMap(ended -> publishStopped(recording, ended))
                .eventually(() -> release(recording.device(), recording.source()));
    }

    /**
     * Ends a recording its ingest has already ended on its own (it said so, with {@code reason}): publishes
     * "stopped" with that reason. Does nothing when the recording has already been ended another way.
     */
    public Uni<Void> endedAtIngest(OpenRecording recording, String reason) {
        if (openRecordings.remove(recording.recordingId()).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return publishStopped(recording, reason).eventually(() -> release(recording.device(), recording.source()));
    }

    /**
     * Ends a recording its ingest lost: publishes "stopped" with {@code ingest-lost} and has its owner tell the
     * phone. Does nothing when the recording has already been ended another way.
     */
    public Uni<Void> lose(OpenRecording recording) {
        return openRecordings.remove(recording.recordingId()).map(held -> {
            lost.increment();
            LOG.warnf("Recording %s (device %s): lost with rtp-ingest %s; its phone's control connection is closed",
                    recording.recordingId(), recording.device(), recording.ingest());
            held.owner().recordingLost(recording);
            // Should the instance still hold it (it was only unreachable), end it there too.
            ingest.end(recording.ingest(), recording.recordingId(), StopReasons.INGEST_LOST).subscribe()
                    .with(ending -> { }, error -> { });
            return publishStopped(recording, StopReasons.INGEST_LOST)
                    .eventually(() -> release(recording.device(), recording.source()));
        }).orElseGet(() -> Uni.createFrom().voidItem());
    }

    private Uni<Void> publishStopped(OpenRecording recording, String reason) {
        return stoppedEvents.publish(SessionEvent.stopped(recording.recordingId(), recording.phoneSessionId(), reason,
                Instant.now()));
    }

    private void release(String device, String source) {
        open.decrementAndGet();
        if (device != null) {
            openPerDevice.computeIfPresent(device, (key, count) -> count <= 1 ? null : count - 1);
        }
        openPerSource.computeIfPresent(source, (key, count) -> count <= 1 ? null : count - 1);
    }

    private void count(String result) {
        registry.counter("callrec.gateway.starts", "result", result).increment();
    }

    private static <T> Uni<T> refused(String reason, String message) {
        return Uni.createFrom().failure(new StartRefusedException(reason, message));
    }
}
