package io.callrec.gateway.service;

import io.callrec.contracts.DeviceId;
import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.ingest.Ending;
import io.callrec.contracts.ingest.RecordingChannel;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Starting and stopping recordings: access and limits, a port per channel from the least loaded ingests, the
 * session events. A start is answered "success" only when the ingests have every port open and Kafka has the
 * "started" event, so a recording the client believes in is never missing from the catalog; its "stopped" event
 * is retried until Kafka takes it. A recording counts once against the limits, however many channels it has.
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
                List.of(request.codec()), request.localNumber(), request.localName(), request.remoteNumber(),
                request.remoteName(), SourceLatch.SOURCE_ADDRESS), phone, owner);
    }

    /**
     * Starts a recording (one stream per channel) whose access was checked by the caller; {@code phone} is the
     * asker's address, counted against the per-source limit.
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
        return allocateAll(recordingId, request, phoneAddress, startedAt.toEpochMilli())
                .flatMap(streams -> events.publish(new SessionEvent(SessionEvent.STARTED, recordingId,
                                request.sessionId(), request.device(), phoneAddress, request.localNumber(),
                                request.localName(), request.remoteNumber(), request.remoteName(),
                                request.direction(), request.channels().get(0).name(), streams.get(0).host(),
                                streams.get(0).port(), null, startedAt))
                        .map(ok -> {
                            OpenRecording recording = new OpenRecording(recordingId, request.sessionId(), device,
                                    phoneAddress, streams);
                            openRecordings.add(recording, owner);
                            return recording;
                        })
                        .onFailure(e -> !(e instanceof StartRefusedException)).call(e -> {
                            LOG.errorf("Recording %s: started event not stored (%s); releasing its ports",
                                    recordingId, e.getMessage());
                            return endAll(recordingId, streams, StopReasons.START_FAILED);
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
     * One stream per channel, each on the least loaded ingest that takes it (they may land on different ones). A
     * recording's streams are had together or not at all: when one allocation fails, those that succeeded are
     * ended ({@code start-failed}) and the start fails.
     */
    private Uni<List<RecordingStream>> allocateAll(UUID recordingId, RecordingStart request, String phoneAddress,
                                                   long startedAtMillis) {
        int channels = request.channels().size();
        List<Uni<StreamOrFailure>> allocations = new ArrayList<>(channels);
        for (int channel = 0; channel < channels; channel++) {
            // A mono recording is its own stream, as a phone's always was; each channel of a wider one is a stream
            // of its own at the ingest, its frames carrying the recording's id and the channel.
            UUID streamId = channels == 1 ? recordingId : UUID.randomUUID();
            RecordingChannel channelOf = channels == 1 ? null : new RecordingChannel(recordingId, channel, channels);
            allocations.add(directory.allocate(streamId, request.channels().get(channel), phoneAddress,
                            request.latch(), startedAtMillis, channelOf)
                    .map(port -> new RecordingStream(streamId, port.ingest(), port.host(), port.port()))
                    .onItemOrFailure().transform(StreamOrFailure::new));
        }
        return Uni.join().all(allocations).andFailFast().flatMap(results -> {
            List<RecordingStream> streams = results.stream().map(StreamOrFailure::stream)
                    .filter(Objects::nonNull).toList();
            Throwable failure = results.stream().map(StreamOrFailure::failure).filter(Objects::nonNull)
                    .findFirst().orElse(null);
            if (failure == null) {
                return Uni.createFrom().item(streams);
            }
            if (!streams.isEmpty()) {
                LOG.warnf("Recording %s: %d of %d streams allocated (%s); releasing them", recordingId,
                        streams.size(), channels, failure.getMessage());
            }
            StartRefusedException refusal = failure instanceof NoIngestCapacityException
                    ? new StartRefusedException("no-capacity", failure.getMessage())
                    : new StartRefusedException("internal-error", "ingest allocation failed: " + failure.getMessage());
            return endAll(recordingId, streams, StopReasons.START_FAILED)
                    .flatMap(ended -> Uni.createFrom().<List<RecordingStream>>failure(refusal));
        });
    }

    /** One allocation's outcome: its stream, or why it failed. */
    private record StreamOrFailure(RecordingStream stream, Throwable failure) {
    }

    /** Tells the catalog the recording's parties changed (a SIPREC re-INVITE's metadata). */
    public Uni<Void> describe(OpenRecording recording, String localNumber, String localName, String remoteNumber,
                              String remoteName) {
        return events.publish(SessionEvent.described(recording.recordingId(), recording.phoneSessionId(),
                localNumber, localName, remoteNumber, remoteName, Instant.now()));
    }

    /**
     * Ends the recording at the ingests (each stream drained and its end-of-stream batch sent, in parallel) and
     * publishes one "stopped" with the reason it really ended with (an RTP timeout may have come first). Does
     * nothing when the recording has already been ended (its ingest was lost).
     */
    public Uni<Void> stop(OpenRecording recording, String reason) {
        if (openRecordings.remove(recording.recordingId()).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return endAll(recording.recordingId(), recording.streams(), reason)
                .map(endings -> endedWith(endings, reason))
                .flatMap(ended -> publishStopped(recording, ended))
                .eventually(() -> release(recording.device(), recording.source()));
    }

    /**
     * One stream of the recording was ended by its ingest on its own (it said so, with {@code reason}: an RTP
     * timeout). Its channel is silence from then on; the RTP timeout is judged on the recording: it goes on while
     * another stream still receives (one party silent without comfort noise is no sign the client is gone), and
     * ends, with one "stopped" with that reason, once every stream has ended. Does nothing when the recording has
     * already been ended another way.
     */
    public Uni<Void> endedAtIngest(OpenRecording recording, UUID streamId, String reason) {
        Optional<OpenRecordings.Held> open = openRecordings.get(recording.recordingId());
        if (open.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<UUID> ended = open.get().endedStreams();
        ended.add(streamId);
        if (ended.size() < recording.streams().size()) {
            LOG.infof("Recording %s: stream %s ended at its ingest (%s); the recording goes on with its other "
                    + "streams", recording.recordingId(), streamId, reason);
            return Uni.createFrom().voidItem();
        }
        return openRecordings.remove(recording.recordingId()).map(held -> {
            held.owner().recordingEndedAtIngest(recording);
            return publishStopped(recording, reason)
                    .eventually(() -> release(recording.device(), recording.source()));
        }).orElseGet(() -> Uni.createFrom().voidItem());
    }

    /**
     * Ends a recording its ingest lost (one of its streams is gone): publishes "stopped" with {@code ingest-lost}
     * and has its owner tell the phone. Does nothing when the recording has already been ended another way.
     */
    public Uni<Void> lose(OpenRecording recording) {
        return openRecordings.remove(recording.recordingId()).map(held -> {
            lost.increment();
            LOG.warnf("Recording %s (device %s): lost with rtp-ingest; its owner is told", recording.recordingId(),
                    recording.device());
            held.owner().recordingLost(recording);
            // Streams still held (the instance was only unreachable, or another instance has them) end too.
            endAll(recording.recordingId(), recording.streams(), StopReasons.INGEST_LOST).subscribe()
                    .with(endings -> { });
            return publishStopped(recording, StopReasons.INGEST_LOST)
                    .eventually(() -> release(recording.device(), recording.source()));
        }).orElseGet(() -> Uni.createFrom().voidItem());
    }

    /**
     * Ends every stream in parallel; completes when all answered, never fails: a stream whose ingest does not
     * answer is logged (its own shutdown, lease or RTP timeout ends it there) and given no reason.
     */
    private Uni<List<Ending>> endAll(UUID recordingId, List<RecordingStream> streams, String reason) {
        if (streams.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Ending>> endings = streams.stream().map(stream -> ingest.end(stream.ingest(), stream.streamId(),
                reason).onFailure().recoverWithItem(e -> {
                    LOG.warnf("Recording %s: ingest %s did not confirm the end of stream %s: %s", recordingId,
                            stream.ingest(), stream.streamId(), e.getMessage());
                    return new Ending(stream.streamId(), false, "");
                })).toList();
        return Uni.join().all(endings).andFailFast();
    }

    /**
     * Streams all ended by their ingests before our stop (RTP timeouts the presence check had not seen yet) tell
     * the true reason; otherwise the recording was still receiving and the reason is ours.
     */
    private static String endedWith(List<Ending> endings, String reason) {
        boolean endedBefore = endings.stream().allMatch(ending -> !ending.ended() && ending.reason() != null
                && !ending.reason().isEmpty());
        return endedBefore ? endings.get(0).reason() : reason;
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
