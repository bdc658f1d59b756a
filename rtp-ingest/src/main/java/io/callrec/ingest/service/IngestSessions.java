package io.callrec.ingest.service;

import io.callrec.contracts.Codec;
import io.callrec.contracts.ingest.SourceLatch;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.ingest.Allocation;
import io.callrec.contracts.ingest.Ending;
import io.callrec.contracts.ingest.IngestStatus;
import io.callrec.contracts.ingest.RecordingChannel;
import io.callrec.ingest.config.IngestConfig;
import io.callrec.ingest.messaging.FramePublisher;
import io.callrec.ingest.rtp.Addresses;
import io.callrec.ingest.rtp.IngestLimits;
import io.callrec.ingest.rtp.IngestMetrics;
import io.callrec.ingest.rtp.PortPool;
import io.callrec.ingest.rtp.RecordingReceiver;
import io.callrec.ingest.rtp.RtpSockets;
import io.callrec.ingest.storage.JournalEntry;
import io.callrec.ingest.storage.RecordingJournal;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.netty.channel.socket.DatagramChannel;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * The recordings this instance receives: allocates a port and a socket per stream (a phone's recording, or one
 * channel of a SIPREC session's recording: such a stream has an id of its own here and its batches carry the
 * recording's id and its channel), ends recordings (on
 * request, after an RTP timeout, when their gateway's lease runs out, on shutdown) and releases their ports only
 * once their end-of-stream batch is queued. Every open recording is in the journal; at start-up the previous
 * run's recordings are recovered from it before anything is allocated. Recordings are spread over the event
 * loops; each loop's recordings are ticked by one timer on that loop.
 */
@ApplicationScoped
public class IngestSessions {
    private static final Logger LOG = Logger.getLogger(IngestSessions.class);
    private static final int BIND_ATTEMPTS = 5;
    private static final int RECENTLY_ENDED_KEPT = 50_000;
    private static final long SHUTDOWN_GRACE_SECONDS = 10;

    private final Vertx vertx;
    private final IngestConfig config;
    private final InetAddress bindAddress;
    private final IngestLimits limits;
    private final PortPool ports;
    private final FramePublisher publisher;
    private final RecordingJournal journal;
    private final IngestMetrics metrics;
    private final GatewayLeases leases;
    /** Changes with every process start, so a gateway notices a restart and checks its recordings. */
    private final String instanceId = UUID.randomUUID().toString();
    private final Map<UUID, OpenRecording> sessions = new ConcurrentHashMap<>();
    /** One per event loop; set once at start-up. */
    private volatile List<LoopGroup> groups = List.of();
    /** How recently ended recordings ended, so a late stop learns of an RTP timeout. Bounded, oldest dropped. */
    private final Map<UUID, String> recentlyEnded = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
                    return size() > RECENTLY_ENDED_KEPT;
                }
            });
    private final AtomicInteger nextGroup = new AtomicInteger();
    private volatile boolean recovered;

    /** A recording (open or draining), its output, its event-loop group, and the stops waiting for its end. */
    private static final class OpenRecording {
        final RecordingReceiver receiver;
        final RecordingOutput output;
        final LoopGroup group;
        final List<Runnable> whenEnded = new ArrayList<>();
        boolean endQueued;

        OpenRecording(RecordingReceiver receiver, RecordingOutput output, LoopGroup group) {
            this.receiver = receiver;
            this.output = output;
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
                    stop(recording, StopReasons.RTP_TIMEOUT, now);
                    finish(recording); // silent already: nothing to drain
                } else if (leases.expired(receiver.gatewayId(), now)) {
                    LOG.infof("Recording %s: gateway %s not heard from for %s, ending it", receiver.recordingId(),
                            receiver.gatewayId(), config.gatewayLease());
                    stop(recording, StopReasons.GATEWAY_LOST, now);
                }
            }
        }
    }

    public IngestSessions(Vertx vertx, IngestConfig config, FramePublisher publisher, RecordingJournal journal,
                          IngestMetrics metrics, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.limits = IngestLimits.from(config);
        this.bindAddress = addressOf(config.bindHost());
        this.ports = new PortPool(config.portMin(), config.portMax());
        this.publisher = publisher;
        this.journal = journal;
        this.metrics = metrics;
        this.leases = new GatewayLeases(config.gatewayLease().toNanos());
        registry.gauge("callrec.ingest.recordings.active", sessions, Map::size);
    }

    private static InetAddress addressOf(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("callrec.ingest.bind-host: unknown host " + host, e);
        }
    }

    void start(@Observes StartupEvent event) {
        // One verticle instance per event loop: each gets a context of its own, so the sockets (bound on their
        // group's context) are spread over every loop. getOrCreateContext() on the main thread would give the
        // same context every time, and put every socket on one loop.
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors() * 2);
        List<LoopGroup> started = Collections.synchronizedList(new ArrayList<>());
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                started.add(new LoopGroup(context));
            }
        }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().join();
        groups = List.copyOf(started);
        recover(journal.entries());
    }

    /** True once the previous run's recordings are recovered: until then nothing is allocated or answered. */
    public boolean recovered() {
        return recovered;
    }

    /**
     * A port for this stream, locked to the phone's address or, with {@link SourceLatch#FIRST_SOURCE}, to the
     * first valid source. Asking again for the same id gives the same port.
     * A stream with a gateway id ends when that gateway's lease runs out; asking counts as a renewal.
     *
     * @param channelOf the recording and channel the stream's batches are for; null: the mono recording
     *                  {@code recordingId}
     */
    public Uni<Allocation> allocate(UUID recordingId, Codec codec, String phoneAddress, long startedAtMillis,
                                    String gatewayId, SourceLatch latch, RecordingChannel channelOf) {
        requireRecovered();
        if (gatewayId != null) {
            renewLease(gatewayId);
        }
        OpenRecording existing = sessions.get(recordingId);
        if (existing != null) {
            return Uni.createFrom().item(allocation(existing.receiver));
        }
        // The port is filled in once one is bound.
        JournalEntry unbound = new JournalEntry(recordingId, codec, 0, Addresses.normalize(phoneAddress),
                startedAtMillis, gatewayId, RecordingOutput.SEQUENCE_BLOCK, null, latch, channelOf, false);
        LoopGroup group = nextGroup();
        return Uni.createFrom().emitter(emitter -> group.context.runOnContext(v -> bind(unbound, group,
                BIND_ATTEMPTS, emitter::complete, emitter::fail)));
    }

    private Allocation allocation(RecordingReceiver receiver) {
        return new Allocation(receiver.recordingId(), config.advertisedHost(), receiver.port());
    }

    private void bind(JournalEntry unbound, LoopGroup group, int attemptsLeft, Consumer<Allocation> done,
                      Consumer<Throwable> failed) {
        OptionalInt port = ports.take();
        if (port.isEmpty()) {
            failed.accept(new NoCapacityException("no free UDP port (" + ports.capacity() + " in use)"));
            return;
        }
        RtpSockets.bind(group.context, bindAddress, port.getAsInt()).onComplete(result -> {
            if (result.failed()) {
                ports.release(port.getAsInt());
                LOG.warnf("UDP port %d could not be bound: %s", port.getAsInt(), result.cause().getMessage());
                if (attemptsLeft > 1) {
                    bind(unbound, group, attemptsLeft - 1, done, failed);
                } else {
                    failed.accept(new NoCapacityException("UDP ports could not be bound"));
                }
                return;
            }
            JournalEntry entry = unbound.onPort(port.getAsInt());
            open(entry, 0, result.result(), group).onComplete(opened -> {
                LOG.debugf("Recording %s: %s on UDP %d from %s", entry.recordingId(), entry.codec(), entry.port(),
                        entry.phoneAddress());
                done.accept(allocation(opened.result()));
            });
        });
    }

    /** Journals the recording, then starts receiving on its bound socket, its batches numbered from the given one. */
    private Future<RecordingReceiver> open(JournalEntry entry, long firstBatchSequence, DatagramChannel socket,
                                           LoopGroup group) {
        RecordingOutput output = new RecordingOutput(group.context, journal, publisher, entry);
        RecordingReceiver receiver = new RecordingReceiver(entry.recordingId(), entry.batchesFor(), entry.codec(),
                entry.port(), entry.phoneAddress(), entry.latch() == SourceLatch.FIRST_SOURCE, entry.startedAtMillis(),
                entry.gatewayId(), firstBatchSequence, entry.held(), limits, output, metrics);
        return output.save().map(saved -> {
            receiver.attach(socket);
            OpenRecording recording = new OpenRecording(receiver, output, group);
            group.recordings.add(recording);
            sessions.put(entry.recordingId(), recording);
            return receiver;
        });
    }

    /**
     * Keeps or drops the recording's packets from now on (SIPREC Record on/off); false when it is not held here.
     * Not journalled: a restarted instance captures again. Completes once it applies to the next packet read.
     */
    public Uni<Boolean> capture(UUID recordingId, boolean on) {
        OpenRecording recording = sessions.get(recordingId);
        if (recording == null) {
            return Uni.createFrom().item(false);
        }
        return Uni.createFrom().emitter(emitter -> recording.group.context.runOnContext(v -> {
            recording.receiver.capture(on);
            emitter.complete(true);
        }));
    }

    /**
     * Holds (true) or releases a stream: while held the client sends nothing on purpose (a SIPREC hold), so only
     * the hold timeout ends it, not the RTP timeout. Completes once journalled and applied to the next packet read
     * (a client resuming from a new port sends at once); false when it is not held here.
     */
    public Uni<Boolean> hold(UUID recordingId, boolean on) {
        OpenRecording recording = sessions.get(recordingId);
        if (recording == null) {
            return Uni.createFrom().item(false);
        }
        return Uni.createFrom().emitter(emitter -> recording.group.context.runOnContext(v -> {
            // An ending stream's journal entry is on its way out: rewriting it could outlive its removal.
            if (recording.receiver.endReason() != null) {
                emitter.complete(true);
                return;
            }
            recording.receiver.hold(on, System.nanoTime());
            recording.output.hold(on).onComplete(written -> emitter.complete(true));
        }));
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
            boolean endedNow = stop(recording, reason, System.nanoTime());
            Ending ending = new Ending(recordingId, endedNow, recording.receiver.endReason());
            if (recording.endQueued) {
                emitter.complete(ending);
            } else {
                recording.whenEnded.add(() -> emitter.complete(ending));
            }
        }));
    }

    /** Starts the recording's drain; it finishes once drained. False when it was already stopped. */
    private boolean stop(OpenRecording recording, String reason, long nowNanos) {
        return recording.receiver.stopAt(reason, nowNanos, () -> finish(recording));
    }

    /**
     * Closes a stopped recording's socket and queues its end-of-stream batch; then the port is free again. Only the
     * first call does: the drain's end is seen both by the marker's read and by the tick.
     */
    private void finish(OpenRecording recording) {
        if (!recording.group.recordings.remove(recording)) {
            return;
        }
        RecordingReceiver receiver = recording.receiver;
        recording.output.endOfStream(receiver.close(), receiver.endReason(), () -> {
            recentlyEnded.put(receiver.recordingId(), receiver.endReason());
            sessions.remove(receiver.recordingId());
            ports.release(receiver.port());
            recording.endQueued = true;
            recording.whenEnded.forEach(Runnable::run);
        });
    }

    /**
     * Continues the previous run's recordings: each takes its own port again and goes on with the same id,
     * codec, phone and start, its batches numbered after every sequence it may have used. One whose port cannot
     * be had ends at once as {@code ingest-lost}; one that had already ended has its end-of-stream batch sent again.
     */
    private void recover(List<JournalEntry> entries) {
        List<Boolean> portTaken = new ArrayList<>(entries.size());
        for (JournalEntry entry : entries) {
            // All ports first, before any is handed out to a new recording.
            portTaken.add(entry.endReason() == null && ports.take(entry.port()));
        }
        AtomicInteger left = new AtomicInteger(entries.size());
        Runnable oneDone = () -> {
            if (left.decrementAndGet() == 0) {
                recovered = true;
            }
        };
        if (entries.isEmpty()) {
            recovered = true;
        }
        for (int i = 0; i < entries.size(); i++) {
            JournalEntry entry = entries.get(i);
            boolean taken = portTaken.get(i);
            LoopGroup group = nextGroup();
            group.context.runOnContext(v -> recoverHere(entry, taken, group, oneDone));
        }
    }

    private void recoverHere(JournalEntry entry, boolean portTaken, LoopGroup group, Runnable done) {
        if (entry.endReason() != null) {
            LOG.infof("Recording %s: ended (%s) but its end-of-stream batch may not be in Kafka; sending it again",
                    entry.recordingId(), entry.endReason());
            endUnopened(entry, entry.endReason(), group, done);
            return;
        }
        if (!portTaken) {
            LOG.warnf("Recording %s: UDP port %d is not ours to take, ending it as %s", entry.recordingId(),
                    entry.port(), StopReasons.INGEST_LOST);
            endUnopened(entry, StopReasons.INGEST_LOST, group, done);
            return;
        }
        RtpSockets.bind(group.context, bindAddress, entry.port()).onComplete(bound -> {
            if (bound.failed()) {
                ports.release(entry.port());
                LOG.warnf("Recording %s: UDP port %d could not be bound again (%s), ending it as %s",
                        entry.recordingId(), entry.port(), bound.cause().getMessage(), StopReasons.INGEST_LOST);
                endUnopened(entry, StopReasons.INGEST_LOST, group, done);
                return;
            }
            long firstBatchSequence = entry.sequencesReservedUpTo();
            open(entry.reservedUpTo(firstBatchSequence + RecordingOutput.SEQUENCE_BLOCK), firstBatchSequence,
                    bound.result(), group).onComplete(opened -> {
                        if (entry.gatewayId() != null) {
                            renewLease(entry.gatewayId());
                        }
                        metrics.recovered();
                        LOG.infof("Recording %s recovered: %s on UDP %d from %s, batches continue at %d",
                                entry.recordingId(), entry.codec(), entry.port(), entry.phoneAddress(),
                                firstBatchSequence);
                        done.run();
                    });
        });
    }

    /** Ends a journaled recording that is not open here: an end-of-stream batch without frames. */
    private void endUnopened(JournalEntry entry, String reason, LoopGroup group, Runnable done) {
        RecordingOutput output = new RecordingOutput(group.context, journal, publisher, entry);
        output.endOfStream(output.emptyEndOfStream(reason), reason, () -> {
            recentlyEnded.put(entry.recordingId(), reason);
            done.run();
        });
    }

    private LoopGroup nextGroup() {
        return groups.get(Math.floorMod(nextGroup.getAndIncrement(), groups.size()));
    }

    private void requireRecovered() {
        if (!recovered) {
            throw new NoCapacityException("still recovering the recordings of the previous run");
        }
    }

    /** Which of these recordings are not open here (an ending one still is, until its end is queued). */
    public List<UUID> notHeld(List<UUID> recordingIds) {
        requireRecovered();
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
