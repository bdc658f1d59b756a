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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
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
 * request or after an RTP timeout) and releases their ports only once their end-of-stream batch is queued.
 * Recordings are spread over the event loops; each loop's recordings are ticked by one timer on that loop.
 */
@ApplicationScoped
public class IngestSessions {
    private static final Logger LOG = Logger.getLogger(IngestSessions.class);
    private static final int BIND_ATTEMPTS = 5;
    private static final int RECENTLY_ENDED_KEPT = 50_000;
    private static final int RECEIVE_BUFFER_BYTES = 128 * 1024;

    private final Vertx vertx;
    private final IngestConfig config;
    private final IngestLimits limits;
    private final PortPool ports;
    private final FramePublisher publisher;
    private final IngestMetrics metrics;
    private final GatewayLeases leases;
    /** Changes with every process start, so a gateway notices a restart and checks its recordings. */
    private final String instanceId = UUID.randomUUID().toString();
    private final Map<UUID, Registration> sessions = new ConcurrentHashMap<>();
    private final List<LoopGroup> groups = new ArrayList<>();
    /** How recently ended recordings ended, so a late stop learns of an RTP timeout. Bounded, oldest dropped. */
    private final Map<UUID, String> recentlyEnded = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
                    return size() > RECENTLY_ENDED_KEPT;
                }
            });
    private final AtomicInteger nextGroup = new AtomicInteger();

    /** A recording and the event-loop group that owns it. */
    private record Registration(RecordingReceiver receiver, LoopGroup group) {
    }

    /** Recordings confined to one event loop, ticked by one timer there. */
    private final class LoopGroup {
        final Context context;
        final List<RecordingReceiver> receivers = new ArrayList<>();

        LoopGroup(Context context) {
            this.context = context;
            context.runOnContext(v -> vertx.setPeriodic(Math.max(10, limits.batchMaxDelayNanos() / 2_000_000),
                    id -> tick()));
        }

        private void tick() {
            long now = System.nanoTime();
            for (RecordingReceiver receiver : List.copyOf(receivers)) {
                if (receiver.tick(now)) {
                    LOG.infof("Recording %s: no RTP for %s, ending it", receiver.recordingId(), config.rtpTimeout());
                    endHere(receiver, this, StopReasons.RTP_TIMEOUT);
                } else if (leases.expired(receiver.gatewayId(), now)) {
                    LOG.infof("Recording %s: gateway %s not heard from for %s, ending it", receiver.recordingId(),
                            receiver.gatewayId(), config.gatewayLease());
                    endHere(receiver, this, StopReasons.GATEWAY_LOST);
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
        Registration existing = sessions.get(recordingId);
        if (existing != null) {
            return Uni.createFrom().item(allocation(existing.receiver()));
        }
        LoopGroup group = groups.get(Math.floorMod(nextGroup.getAndIncrement(), groups.size()));
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
        DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions()
                .setReceiveBufferSize(RECEIVE_BUFFER_BYTES));
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
            group.receivers.add(receiver);
            sessions.put(recordingId, new Registration(receiver, group));
            LOG.debugf("Recording %s: %s on UDP %d from %s", recordingId, codec, port.getAsInt(), phoneAddress);
            done.accept(allocation(receiver));
        });
    }

    /**
     * Ends a recording: closes its socket, queues its end-of-stream batch, frees its port. Answers whether this
     * call ended it, and the reason it ended with (an RTP timeout may have come first; empty if never known here).
     */
    public Uni<Ending> end(UUID recordingId, String reason) {
        Registration registration = sessions.get(recordingId);
        if (registration == null) {
            return Uni.createFrom().item(new Ending(recordingId, false, recentlyEnded.getOrDefault(recordingId, "")));
        }
        return Uni.createFrom().emitter(emitter -> registration.group().context.runOnContext(v -> {
            boolean endedNow = registration.receiver().endReason() == null;
            endHere(registration.receiver(), registration.group(), reason);
            emitter.complete(new Ending(recordingId, endedNow, registration.receiver().endReason()));
        }));
    }

    private void endHere(RecordingReceiver receiver, LoopGroup group, String reason) {
        if (receiver.endReason() != null) {
            return;
        }
        receiver.end(reason);
        group.receivers.remove(receiver);
        sessions.remove(receiver.recordingId());
        recentlyEnded.put(receiver.recordingId(), receiver.endReason());
        ports.release(receiver.port());
    }

    /** Whether this recording is open here. */
    public boolean holds(UUID recordingId) {
        return sessions.containsKey(recordingId);
    }

    public void renewLease(String gatewayId) {
        leases.renew(gatewayId, System.nanoTime());
    }

    public IngestStatus status() {
        return new IngestStatus(config.advertisedHost(), instanceId, sessions.size(), ports.free(), ports.capacity(),
                publisher.bufferedBytes());
    }

    /** On shutdown every open recording ends, so its audio so far is kept. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(sessions.size());
        for (UUID id : List.copyOf(sessions.keySet())) {
            end(id, StopReasons.INGEST_SHUTDOWN).subscribe().with(r -> ended.countDown(), e -> ended.countDown());
        }
        ended.await(10, TimeUnit.SECONDS);
    }
}
