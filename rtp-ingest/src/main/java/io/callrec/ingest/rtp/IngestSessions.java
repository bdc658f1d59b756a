package io.callrec.ingest.rtp;

import io.callrec.contracts.Codec;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.ingest.Allocation;
import io.callrec.contracts.ingest.Ending;
import io.callrec.contracts.ingest.IngestStatus;
import io.callrec.ingest.config.IngestConfig;
import io.callrec.ingest.messaging.FramePublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The recordings this instance receives: allocates a port and a socket per recording, ends recordings (on
 * request, after an RTP timeout, when their gateway's lease runs out, on shutdown) and releases their ports only
 * once their end-of-stream batch is queued. Recordings are spread over the event loops; each loop's recordings are ticked by one timer on that loop.
 */
@ApplicationScoped
public class IngestSessions {
    private static final Logger LOG = Logger.getLogger(IngestSessions.class);
    private static final int BIND_ATTEMPTS = 5;
    private static final int RECENTLY_ENDED_KEPT = 50_000;
    private static final int RECEIVE_BUFFER_BYTES = 128 * 1024;
    private static final long SHUTDOWN_GRACE_SECONDS = 10;

    private final Vertx vertx;
    private final IngestConfig config;
    private final IngestLimits limits;
    private final PortPool ports;
    private final FramePublisher publisher;
    private final IngestMetrics metrics;
    private final GatewayLeases leases;
    /** Changes with every process start, so a gateway notices a restart and checks its recordings. */
    private final String instanceId = UUID.randomUUID().toString();
    private final Map<UUID, OpenRecording> sessions = new ConcurrentHashMap<>();
    private final List<LoopGroup> groups = new ArrayList<>();
    /** How recently ended recordings ended, so a late stop learns of an RTP timeout. Bounded, oldest dropped. */
    private final Map<UUID, String> recentlyEnded = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
                    return size() > RECENTLY_ENDED_KEPT;
                }
            });
    private final AtomicInteger nextGroup = new AtomicInteger();

    /** A recording (open or draining), its event-loop group, and the stops waiting for its end. */
    private static final class OpenRecording {
        final RecordingReceiver receiver;
        final LoopGroup group;
        final List<Runnable> whenEnded = new ArrayList<>();
        boolean endQueued;

        OpenRecording(RecordingReceiver receiver, LoopGroup group) {
            this.receiver = receiver;
            this.group = group;
        }
    }

    /** Recordings confined to one event loop, ticked by one timer there. */
    private final class LoopGroup {
        final Context context;
        final List<OpenRecording> recordings = new ArrayList<>();

        LoopGroup(Context context) {
            this.context = context;
            context.runOnContext(v -> vertx.setPeriodic(Math.max(10, limits.batchMaxDelayNanos() / 2_000_000),
                    id -> tick()));
        }

        private void tick() {
            long now = System.nanoTime();
            for (OpenRecording recording : List.copyOf(recordings)) {
                RecordingReceiver receiver = recording.receiver;
                boolean silent = receiver.tick(now);
                if (receiver.endReason() != null) {
                    if (receiver.drained(now)) {
                        finish(recording);
                    }
                } else if (silent) {
                    LOG.infof("Recording %s: no RTP for %s, ending it", receiver.recordingId(), config.rtpTimeout());
                    receiver.stopAt(StopReasons.RTP_TIMEOUT, now);
                    finish(recording); // silent already: nothing to drain
                } else if (leases.expired(receiver.gatewayId(), now)) {
                    LOG.infof("Recording %s: gateway %s not heard from for %s, ending it", receiver.recordingId(),
                            receiver.gatewayId(), config.gatewayLease());
                    receiver.stopAt(StopReasons.GATEWAY_LOST, now);
                }
            }
        }
    }

    public IngestSessions(Vertx vertx, IngestConfig config, FramePublisher publisher, IngestMetrics metrics,
                          MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.limits = IngestLimits.from(config);
        this.ports = new PortPool(config.portMin(), config.portMax());
        this.publisher = publisher;
        this.metrics = metrics;
        this.leases = new GatewayLeases(config.gatewayLease().toNanos());
        registry.gauge("callrec.ingest.recordings.active", sessions, Map::size);
    }

    void start(@Observes StartupEvent event) {
        // Called on the main thread: each getOrCreateContext() here is a new context on the next event loop.
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors() * 2);
        for (int i = 0; i < loops; i++) {
            groups.add(new LoopGroup(vertx.getOrCreateContext()));
        }
    }

    /**
     * A port for this recording, locked to the phone's address. Asking again for the same id gives the same port.
     * A recording with a gateway id ends when that gateway's lease runs out; asking counts as a renewal.
     */
    public Uni<Allocation> allocate(UUID recordingId, Codec codec, String phoneAddress, long startedAtMillis,
                                    String gatewayId) {
        if (gatewayId != null) {
            renewLease(gatewayId);
        }
        OpenRecording existing = sessions.get(recordingId);
        if (existing != null) {
            return Uni.createFrom().item(allocation(existing.receiver));
        }
        LoopGroup group = nextGroup();
        return Uni.createFrom().emitter(emitter -> group.context.runOnContext(v -> bind(recordingId, codec,
                Addresses.normalize(phoneAddress), startedAtMillis, gatewayId, group, BIND_ATTEMPTS,
                emitter::complete, emitter::fail)));
    }

    private Allocation allocation(RecordingReceiver receiver) {
        return new Allocation(receiver.recordingId(), config.advertisedHost(), receiver.port());
    }

    private void bind(UUID recordingId, Codec codec, String phoneAddress, long startedAtMillis, String gatewayId,
                      LoopGroup group, int attemptsLeft, Consumer<Allocation> done, Consumer<Throwable> failed) {
        OptionalInt port = ports.take();
        if (port.isEmpty()) {
            failed.accept(new NoCapacityException("no free UDP port (" + ports.capacity() + " in use)"));
            return;
        }
        DatagramSocket socket = newSocket();
        socket.listen(port.getAsInt(), config.bindHost()).onComplete(result -> {
            if (result.failed()) {
                ports.release(port.getAsInt());
                LOG.warnf("UDP port %d could not be bound: %s", port.getAsInt(), result.cause().getMessage());
                if (attemptsLeft > 1) {
                    bind(recordingId, codec, phoneAddress, startedAtMillis, gatewayId, group, attemptsLeft - 1, done,
                            failed);
                } else {
                    failed.accept(new NoCapacityException("UDP ports could not be bound"));
                }
                return;
            }
            RecordingReceiver receiver = new RecordingReceiver(recordingId, codec, port.getAsInt(), phoneAddress,
                    startedAtMillis, gatewayId, limits, publisher::publish, metrics);
            receiver.attach(socket);
            OpenRecording recording = new OpenRecording(receiver, group);
            group.recordings.add(recording);
            sessions.put(recordingId, recording);
            LOG.debugf("Recording %s: %s on UDP %d from %s", recordingId, codec, port.getAsInt(), phoneAddress);
            done.accept(allocation(receiver));
        });
    }

    private DatagramSocket newSocket() {
        return vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(RECEIVE_BUFFER_BYTES));
    }

    /**
     * Ends a recording: reads its socket until it is quiet (bounded), closes it, queues its end-of-stream batch,
     * frees its port; then answers whether this call ended it, and the reason it ended with (an RTP timeout may
     * have come first; empty if never known here).
     */
    public Uni<Ending> end(UUID recordingId, String reason) {
        OpenRecording recording = sessions.get(recordingId);
        if (recording == null) {
            return Uni.createFrom().item(new Ending(recordingId, false, recentlyEnded.getOrDefault(recordingId, "")));
        }
        return Uni.createFrom().emitter(emitter -> recording.group.context.runOnContext(v -> {
            boolean endedNow = recording.receiver.stopAt(reason, System.nanoTime());
            Ending ending = new Ending(recordingId, endedNow, recording.receiver.endReason());
            if (recording.endQueued) {
                emitter.complete(ending);
            } else {
                recording.whenEnded.add(() -> emitter.complete(ending));
            }
        }));
    }

    /** Closes a stopped recording's socket and queues its end-of-stream batch; then the port is free again. */
    private void finish(OpenRecording recording) {
        RecordingReceiver receiver = recording.receiver;
        recording.group.recordings.remove(recording);
        publisher.publish(receiver.close());
        recentlyEnded.put(receiver.recordingId(), receiver.endReason());
        sessions.remove(receiver.recordingId());
        ports.release(receiver.port());
        recording.endQueued = true;
        recording.whenEnded.forEach(Runnable::run);
    }

    private LoopGroup nextGroup() {
        return groups.get(Math.floorMod(nextGroup.getAndIncrement(), groups.size()));
    }

    /** Which of these recordings are not open here (an ending one still is, until its end is queued). */
    public List<UUID> notHeld(List<UUID> recordingIds) {
        return recordingIds.stream().filter(id -> !sessions.containsKey(id)).toList();
    }

    public void renewLease(String gatewayId) {
        leases.renew(gatewayId, System.nanoTime());
    }

    public IngestStatus status() {
        return new IngestStatus(config.advertisedHost(), instanceId, sessions.size(), ports.free(), ports.capacity(),
                publisher.bufferedBytes());
    }

    /**
     * On shutdown every open recording ends (drained), so its audio so far is kept. Runs before the publisher
     * stops (earlier priority), so the end-of-stream batches are still sent.
     */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(sessions.size());
        for (UUID id : List.copyOf(sessions.keySet())) {
            end(id, StopReasons.INGEST_SHUTDOWN).subscribe().with(r -> ended.countDown(), e -> ended.countDown());
        }
        ended.await(config.drainMax().toSeconds() + SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    }
}
