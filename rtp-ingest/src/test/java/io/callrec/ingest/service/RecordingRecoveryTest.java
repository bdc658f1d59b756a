package io.callrec.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callrec.contracts.Codec;
import io.callrec.contracts.ingest.SourceLatch;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.ingest.Ending;
import io.callrec.contracts.ingest.RecordingChannel;
import io.callrec.ingest.config.IngestConfig;
import io.callrec.ingest.config.StandaloneConfig;
import io.callrec.ingest.messaging.FramePublisher;
import io.callrec.ingest.rtp.IngestMetrics;
import io.callrec.ingest.rtp.Phone;
import io.callrec.ingest.rtp.RecordedFrames;
import io.callrec.ingest.storage.JournalEntry;
import io.callrec.ingest.storage.RecordingJournal;
import io.callrec.stack.CallrecStackTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts of rtp-ingest with a journal: two instances, one after the other, over the same state dir, with real
 * sockets and the real Kafka. The first "crashes": its Vert.x (sockets, timers) is closed without ending anything.
 */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RecordingRecoveryTest {
    private static final int PORT_MIN = 46200;
    private static final int PORT_MAX = 46209;
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Inject
    FramePublisher publisher;
    @Inject
    IngestMetrics metrics;
    @Inject
    MeterRegistry registry;
    @TempDir
    Path stateDir;

    private final List<Vertx> vertxes = new ArrayList<>();
    private RecordedFrames frames;
    private IngestConfig config;

    @BeforeEach
    void setUp() {
        frames = new RecordedFrames();
        config = StandaloneConfig.of(Map.of("callrec.ingest.state-dir", stateDir.toString(),
                "callrec.ingest.port-min", String.valueOf(PORT_MIN),
                "callrec.ingest.port-max", String.valueOf(PORT_MAX)));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Vertx vertx : vertxes) {
            crash(vertx);
        }
        frames.close();
    }

    @Test
    void aRestartedInstanceContinuesTheSameRecordingOnTheSamePort() throws Exception {
        UUID id = UUID.randomUUID();
        long startedAt = System.currentTimeMillis() - 1_000;
        IngestSessions before = startInstance();
        int port = before.allocate(id, Codec.PCMA, "127.0.0.1", startedAt, "gw-1", SourceLatch.SOURCE_ADDRESS, null)
                .await().atMost(WITHIN).port();
        double recoveredBefore = registry.counter("callrec.ingest.recordings.recovered").count();
        IngestSessions after;
        try (Phone phone = new Phone("127.0.0.1")) {
            phone.sendPcma(port, 0, 100);
            frames.awaitFrames(id, 100);
            crash(vertxes.get(0));

            after = startInstance();
            assertThat(after.status().instanceId()).isNotEqualTo(before.status().instanceId());
            assertThat(after.notHeld(List.of(id))).isEmpty();
            phone.sendPcma(port, 100, 200);
            frames.awaitFrames(id, 200);
        }
        Ending ending = after.end(id, "normal").await().atMost(WITHIN);
        assertThat(ending.ended()).isTrue();

        List<FrameBatch> batches = frames.awaitEndOfStream(id);
        assertThat(frames.framesOf(id)).extracting(RtpFrame::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.startedAtMillis()).isEqualTo(startedAt);
            assertThat(b.codec()).isEqualTo(Codec.PCMA);
        });
        for (int i = 1; i < batches.size(); i++) {
            assertThat(batches.get(i).batchSequence()).isGreaterThan(batches.get(i - 1).batchSequence());
        }
        assertThat(batches).filteredOn(FrameBatch::endOfStream).singleElement()
                .satisfies(last -> assertThat(last.stopReason()).isEqualTo("normal"));
        assertThat(registry.counter("callrec.ingest.recordings.recovered").count())
                .isEqualTo(recoveredBefore + 1);
        awaitJournalEmpty();
    }

    @Test
    void aRestartedInstanceKeepsAStreamsChannelAndItsHold() throws Exception {
        config = StandaloneConfig.of(Map.of("callrec.ingest.state-dir", stateDir.toString(),
                "callrec.ingest.port-min", String.valueOf(PORT_MIN),
                "callrec.ingest.port-max", String.valueOf(PORT_MAX),
                "callrec.ingest.rtp-timeout", "1s"));
        UUID stream = UUID.randomUUID();
        UUID recording = UUID.randomUUID();
        IngestSessions before = startInstance();
        int port = before.allocate(stream, Codec.PCMA, "127.0.0.1", System.currentTimeMillis(), "gw-1",
                SourceLatch.FIRST_SOURCE, new RecordingChannel(recording, 1, 2)).await().atMost(WITHIN).port();
        IngestSessions after;
        try (Phone phone = new Phone("127.0.0.1")) {
            phone.sendPcma(port, 0, 50);
            frames.awaitFrames(recording, 50);
            assertThat(before.hold(stream, true).await().atMost(WITHIN)).isTrue();
            assertThat(new RecordingJournal(config).entries()).as("journalled before the hold is answered")
                    .anySatisfy(entry -> assertThat(entry.held()).isTrue());
            crash(vertxes.get(0));

            after = startInstance();
            // On hold across the restart: longer than the RTP timeout (1 s) without RTP, and still open.
            IngestSessions recovered = after;
            await().during(Duration.ofSeconds(2)).atMost(WITHIN)
                    .until(() -> recovered.notHeld(List.of(stream)).isEmpty());
            assertThat(after.hold(stream, false).await().atMost(WITHIN)).isTrue();
            phone.sendPcma(port, 50, 100);
            frames.awaitFrames(recording, 100);
        }
        after.end(stream, "normal").await().atMost(WITHIN);

        List<FrameBatch> batches = frames.awaitEndOfStream(recording);
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.channel()).isEqualTo(1);
            assertThat(b.channels()).isEqualTo(2);
        });
        assertThat(frames.framesOf(recording)).extracting(RtpFrame::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(frames.batchesOf(stream)).isEmpty();
        awaitJournalEmpty();
    }

    @Test
    void recordingsThatCannotContinueAreEndedAtOnce() throws Exception {
        RecordingJournal journal = new RecordingJournal(config);
        long startedAt = System.currentTimeMillis();
        UUID portTaken = UUID.randomUUID();
        UUID endedBeforeTheCrash = UUID.randomUUID();
        IngestSessions after;
        try (DatagramSocket otherProgram = new DatagramSocket(PORT_MAX)) {
            journal.save(new JournalEntry(portTaken, Codec.PCMU, PORT_MAX, "127.0.0.1", startedAt, null, 192, null, null,
                    null, false));
            journal.save(new JournalEntry(endedBeforeTheCrash, Codec.G722, PORT_MIN, "127.0.0.1", startedAt, "gw-2",
                    64, "normal", null, null, false));
            after = startInstance();
        }
        assertThat(after.notHeld(List.of(portTaken, endedBeforeTheCrash)))
                .containsExactlyInAnyOrder(portTaken, endedBeforeTheCrash);

        assertThat(frames.awaitEndOfStream(portTaken)).singleElement().satisfies(b -> {
            assertThat(b.stopReason()).isEqualTo("ingest-lost");
            assertThat(b.batchSequence()).isEqualTo(192);
            assertThat(b.frames()).isEmpty();
        });
        assertThat(frames.awaitEndOfStream(endedBeforeTheCrash)).singleElement()
                .satisfies(b -> assertThat(b.stopReason()).isEqualTo("normal"));
        assertThat(after.end(portTaken, "normal").await().atMost(WITHIN))
                .isEqualTo(new Ending(portTaken, false, "ingest-lost"));
        awaitJournalEmpty();
    }

    private IngestSessions startInstance() {
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        IngestSessions sessions = new IngestSessions(vertx, config, publisher, new RecordingJournal(config), metrics,
                registry);
        sessions.start(new StartupEvent());
        await().atMost(WITHIN).until(sessions::recovered);
        return sessions;
    }

    /** Like a killed process: sockets and timers are gone, nothing was ended, the journal stays as it was. */
    private static void crash(Vertx vertx) throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void awaitJournalEmpty() {
        await().atMost(WITHIN).until(() -> new RecordingJournal(config).entries().isEmpty());
    }
}
