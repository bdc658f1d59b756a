package io.callrec.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callrec.contracts.Codec;
import io.callrec.contracts.ingest.RecordingChannel;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.RtpFrame;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.netty.channel.socket.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drain at the end of a recording, on a real socket and a real event loop. */
class RecordingDrainTest {
    private static final long GRACE_MILLIS = 200;
    private static final IngestLimits LIMITS = drainLimits(GRACE_MILLIS, 2_000);
    /** How late the event loop looks at the stopped recording: longer than the old quiet time (200 ms), within drain-max. */
    private static final long LOOP_LAG_NANOS = Duration.ofMillis(500).toNanos();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Vertx vertx;
    private Context context;
    /** What the receiver handed on, its end-of-stream batch last once closed. */
    private final List<FrameBatch> batches = new CopyOnWriteArrayList<>();
    private RecordingReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        receiver = receiverOnLoopback(LIMITS);
    }

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void everyPacketQueuedInTheSocketAtTheStopIsKeptThoughTheLoopLooksLate() throws Exception {
        int port = receiver.port();

        try (Phone phone = new Phone("127.0.0.1")) {
            phone.sendPcma(port, 0, 50);
            await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
            CompletableFuture<Void> stopped = new CompletableFuture<>();
            context.runOnContext(v -> {
                try {
                    // The loop is busy here: these wait in the kernel's queue for the socket when the stop comes.
                    phone.sendPcma(port, 50, 80);
                    long stop = System.nanoTime();
                    receiver.stopAt("normal", stop, () -> { });
                    closeWhenDrained(context, receiver, batches);
                    stopped.complete(null);
                } catch (Exception e) {
                    stopped.completeExceptionally(e);
                }
            });
            stopped.get(10, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !batches.isEmpty() && batches.get(batches.size() - 1).endOfStream());
        List<Integer> sequences = batches.stream().flatMap(batch -> batch.frames().stream())
                .map(RtpFrame::sequence).toList();
        assertThat(sequences).isEqualTo(IntStream.range(0, 80).boxed().toList());
        assertThat(batches.get(batches.size() - 1).counters().received()).isEqualTo(80);
    }

    @Test
    void theStopsCallbackRunsOnceTheMarkerIsReadWithEveryPacketQueuedBeforeIt() throws Exception {
        int port = receiver.port();

        CompletableFuture<Void> drained = new CompletableFuture<>();
        try (Phone phone = new Phone("127.0.0.1")) {
            context.runOnContext(v -> {
                try {
                    phone.sendPcma(port, 0, 80);
                    stopAndCloseWhenTheMarkerIsRead(drained);
                } catch (Exception e) {
                    drained.completeExceptionally(e);
                }
            });
            drained.get(10, TimeUnit.SECONDS);
        }

        List<Integer> sequences = batches.stream().flatMap(batch -> batch.frames().stream())
                .map(RtpFrame::sequence).toList();
        assertThat(sequences).isEqualTo(IntStream.range(0, 80).boxed().toList());
        assertThat(batches.get(batches.size() - 1).endOfStream()).isTrue();
        assertThat(registry.get("callrec.ingest.drains.cut").counter().count()).isZero();
    }

    @Test
    void aDrainEndedByDrainMaxBeforeItsMarkerIsReadIsCounted() throws Exception {
        RecordingReceiver shortDrain = receiverOnLoopback(drainLimits(10, 50));

        CompletableFuture<Void> closed = new CompletableFuture<>();
        context.runOnContext(v -> {
            shortDrain.stopAt("normal", System.nanoTime(), () -> { });
            // Never ticked, so no marker is sent: only drain-max ends this drain.
            context.owner().setPeriodic(10, id -> {
                if (shortDrain.drained(System.nanoTime())) {
                    context.owner().cancelTimer(id);
                    shortDrain.close();
                    closed.complete(null);
                }
            });
        });
        closed.get(10, TimeUnit.SECONDS);

        assertThat(registry.get("callrec.ingest.drains.cut").counter().count()).isEqualTo(1);
    }

    @Test
    void packetsSentBeforeTheStopThatArriveAfterItWithinTheGraceAreKept() throws Exception {
        int port = receiver.port();

        CompletableFuture<Void> drained = new CompletableFuture<>();
        try (Phone phone = new Phone("127.0.0.1")) {
            context.runOnContext(v -> {
                try {
                    phone.sendPcma(port, 0, 50);
                    stopAndCloseWhenTheMarkerIsRead(drained);
                    // The call's last 10 packets, held up on their way: they come a quarter of the grace late.
                    context.owner().setTimer(GRACE_MILLIS / 4, id -> {
                        try {
                            phone.sendPcma(port, 50, 60);
                        } catch (Exception e) {
                            drained.completeExceptionally(e);
                        }
                    });
                } catch (Exception e) {
                    drained.completeExceptionally(e);
                }
            });
            drained.get(10, TimeUnit.SECONDS);
        }

        List<Integer> sequences = batches.stream().flatMap(batch -> batch.frames().stream())
                .map(RtpFrame::sequence).toList();
        assertThat(sequences).isEqualTo(IntStream.range(0, 60).boxed().toList());
        assertThat(batches.get(batches.size() - 1).counters().received()).isEqualTo(60);
    }

    /**
     * Stops the receiver, on its loop, with the loop's ticks running; they only send the marker, so its read alone
     * ends the drain: then the receiver is closed and {@code drained} completes.
     */
    private void stopAndCloseWhenTheMarkerIsRead(CompletableFuture<Void> drained) {
        long ticks = context.owner().setPeriodic(10, id -> receiver.tick(System.nanoTime()));
        receiver.stopAt("normal", System.nanoTime(), () -> {
            context.owner().cancelTimer(ticks);
            batches.add(FrameBatchCodec.decode(receiver.close().bytes()));
            drained.complete(null);
        });
    }

    /** The test's limits, with this drain: 50 frames or 100 ms per batch, long timeouts. */
    private static IngestLimits drainLimits(long graceMillis, long maxMillis) {
        return new IngestLimits(50, Duration.ofMillis(100).toNanos(), Duration.ofSeconds(60).toNanos(),
                Duration.ofHours(4).toNanos(), Duration.ofMillis(graceMillis).toNanos(),
                Duration.ofMillis(maxMillis).toNanos(), Duration.ofSeconds(3).toNanos());
    }

    /** A receiver reading a socket of its own on the loopback, on this test's loop; its batches go to the list. */
    private RecordingReceiver receiverOnLoopback(IngestLimits limits) throws Exception {
        DatagramChannel socket = RtpSocketsTest.unreadSocketOnLoopback(context);
        UUID id = UUID.randomUUID();
        RecordingReceiver created = new RecordingReceiver(id, new RecordingChannel(id, 0, 1), Codec.PCMA,
                socket.localAddress().getPort(), "127.0.0.1", false, System.currentTimeMillis(), null, 0, false,
                limits, batch -> batches.add(FrameBatchCodec.decode(batch.bytes())), new IngestMetrics(registry));
        context.runOnContext(v -> created.attach(socket));
        return created;
    }

    /** What the loop's tick does, with every look coming {@link #LOOP_LAG_NANOS} late. */
    private static void closeWhenDrained(Context context, RecordingReceiver receiver, List<FrameBatch> batches) {
        long look = System.nanoTime() + LOOP_LAG_NANOS;
        receiver.tick(look);
        if (receiver.drained(look)) {
            batches.add(FrameBatchCodec.decode(receiver.close().bytes()));
        } else {
            context.owner().setTimer(10, id -> closeWhenDrained(context, receiver, batches));
        }
    }
}
