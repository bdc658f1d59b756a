package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.callrec.contracts.Codec;
import io.callrec.contracts.CallDirection;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentCall;
import io.callrec.stack.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite: four G.711 calls in flight while one part of callrec, or of the infrastructure under it,
 * fails. Every recording must end terminal with the reason that tells the truth, and its WAV must hold what the
 * phone sent, sample for sample, except for a window that each scenario measures and bounds. The figures go to
 * {@code target/fault-table.md}; RELIABILITY.md carries them.
 *
 * <p>The system runs as {@code ./callrec up} runs it (a supervisor restarts a killed service), with short
 * timeouts so that the "gone for good" cases end within the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {
    private static final long CALL_MILLIS = 12_000;
    private static final Duration FAULT_AFTER = Duration.ofSeconds(3);
    private static final Duration TERMINAL_WITHIN = Duration.ofSeconds(120);
    private static final Set<String> TERMINAL = Set.of("available", "failed");
    private static final List<String> TABLE = new ArrayList<>();

    private static CallrecSystem system;
    private static CatalogAccess catalog;
    private static Path dataDir;

    /** Injects a fault; returns how long the failed part was away. */
    private interface Fault {
        Duration inject() throws Exception;
    }

    @BeforeAll
    static void startTheSystem() throws IOException {
        dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "fault-suite-")
                .toAbsolutePath();
        system = CallrecSystem.start(new LauncherOptions(Path.of("../..").toAbsolutePath().normalize(), dataDir,
                0, 0, 0, 0, 0, 0, 18400, 18499, 0, 0, 0), Map.of(
                CallrecSystem.INGEST, Map.of("callrec.ingest.rtp-timeout", "5s",
                        "callrec.ingest.gateway-lease", "5s"),
                // Longer than an ingest restart takes here, so that a restarted ingest is waited for.
                CallrecSystem.GATEWAY, Map.of("callrec.gateway.ingest.lost-after", "20s"),
                CallrecSystem.TRANSCODER, Map.of("callrec.transcoder.ingest-lost-after", "15s",
                        "callrec.transcoder.retry-backoff", "500ms")));
        catalog = new CatalogAccess(system);
        TABLE.add("| fault | calls in flight | terminal | stop reasons | audio missing inside a recording "
                + "(max per call) | sent after its recording ended (max per call) | part away for "
                + "| all terminal after the fault |");
        TABLE.add("|---|---|---|---|---|---|---|---|");
    }

    @AfterAll
    static void stopTheSystem() throws IOException {
        if (system != null) {
            system.close();
        }
        Files.write(Path.of("target/fault-table.md"), TABLE);
        TABLE.forEach(System.out::println);
    }

    @Test
    @Order(1)
    void transcoderKilledMidCall() throws Exception {
        Outcome outcome = play("kill -9 transcoder", () -> kill(CallrecSystem.TRANSCODER));
        outcome.assertComplete("normal");
    }

    @Test
    @Order(2)
    void catalogKilledMidCall() throws Exception {
        Outcome outcome = play("kill -9 catalog-api", () -> kill(CallrecSystem.CATALOG));
        outcome.assertComplete("normal");
    }

    @Test
    @Order(3)
    void ingestKilledAndRestartedContinuesTheSameRecordings() throws Exception {
        Outcome outcome = play("kill -9 rtp-ingest (restarted)", () -> kill(CallrecSystem.INGEST));
        outcome.assertTerminal("available", "normal");
        // Only what the phone sent while no ingest was listening is missing (plus the batch held in memory).
        outcome.assertMissingAtMost(outcome.away().plusSeconds(1));
        outcome.assertNothingAfterTheEnd();
    }

    @Test
    @Order(4)
    void gatewayKilledEndsItsRecordingsWithEverythingReceived() throws Exception {
        Outcome outcome = play("kill -9 control-gateway", () -> kill(CallrecSystem.GATEWAY));
        // Nobody can stop these recordings any more: the ingest ends them when the dead gateway's lease runs out.
        outcome.assertTerminal("available", "gateway-lost");
        outcome.assertMissingAtMost(Duration.ZERO);
    }

    @Test
    @Order(5)
    void ingestGoneForGoodFinishesItsRecordingsWithWhatReachedKafka() throws Exception {
        Outcome outcome = play("rtp-ingest lost (restarted without its state)",
                () -> kill(CallrecSystem.INGEST, this::forgetIngestState));
        outcome.assertTerminal("available", "ingest-lost");
        outcome.assertMissingAtMost(Duration.ZERO);
    }

    @Test
    @Order(6)
    void objectStoreKilledForTenSeconds() throws Exception {
        Outcome outcome = play("object store killed, back after 10 s", () -> {
            ProcessHandle.of(system.stack().s3().pid()).ifPresent(ProcessHandle::destroyForcibly);
            long started = System.nanoTime();
            awaitQuietly(Duration.ofSeconds(10));
            system.stack().s3().restart();
            return Duration.ofNanos(System.nanoTime() - started);
        });
        outcome.assertComplete("normal");
    }

    @Test
    @Order(7)
    void objectStorePausedForThirtySeconds() throws Exception {
        Outcome outcome = play("object store paused 30 s (SIGSTOP)", () -> {
            signal("STOP", system.stack().s3().pid());
            awaitQuietly(Duration.ofSeconds(30));
            signal("CONT", system.stack().s3().pid());
            return Duration.ofSeconds(30);
        });
        outcome.assertComplete("normal");
    }

    @Test
    @Order(8)
    void postgresRestartedMidCall() throws Exception {
        Outcome outcome = play("PostgreSQL restarted", () -> timed(() -> system.stack().postgres().restart()));
        outcome.assertComplete("normal");
    }

    @Test
    @Order(9)
    void kafkaRestartedMidCall() throws Exception {
        Outcome outcome = play("Kafka broker restarted", () -> timed(() -> system.stack().kafka().restart()));
        outcome.assertComplete("normal");
    }

    /** Four calls; the fault {@link #FAULT_AFTER} into them; then every recording awaited and compared. */
    private Outcome play(String scenario, Fault fault) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<CallPlan> plans = List.of(
                plan(tag + "-1", "0c:38:3e:00:20:01", Codec.PCMA, 1),
                plan(tag + "-2", "0c:38:3e:00:20:02", Codec.PCMU, 2),
                plan(tag + "-3", "0c:38:3e:00:20:03", Codec.PCMA, 3),
                plan(tag + "-4", "0c:38:3e:00:20:04", Codec.PCMU, 4));
        List<SentCall> sent;
        Duration away;
        long faultEnded;
        try (CallsInFlight calls = CallsInFlight.start(system, plans)) {
            awaitQuietly(FAULT_AFTER);
            away = fault.inject();
            faultEnded = System.nanoTime();
            sent = calls.awaitAll(Duration.ofMillis(CALL_MILLIS).plusSeconds(60));
        }
        List<Result> results = new ArrayList<>();
        for (SentCall call : sent) {
            assertThat(call.packets()).as(call.plan().sessionId() + " streamed: " + call.failureReason())
                    .isNotEmpty();
            JsonNode recording = catalog.awaitRecording(call.plan(), TERMINAL_WITHIN,
                    r -> TERMINAL.contains(r.path("status").asText()));
            RecordedAudio.Comparison audio = "available".equals(recording.path("status").asText())
                    ? RecordedAudio.compare(call.plan().codec(), call.packets(),
                    RecordedAudio.samples(catalog.audio(recording.path("id").asText())))
                    : null;
            results.add(new Result(call, recording, audio));
        }
        Outcome outcome = new Outcome(scenario, results, away,
                Duration.ofNanos(System.nanoTime() - faultEnded));
        TABLE.add(outcome.row());
        return outcome;
    }

    private record Result(SentCall call, JsonNode recording, RecordedAudio.Comparison audio) {
        String status() {
            return recording.path("status").asText();
        }

        String stopReason() {
            return recording.path("stopReason").asText();
        }
    }

    private record Outcome(String scenario, List<Result> results, Duration away, Duration terminalAfter) {
        void assertComplete(String reason) {
            assertTerminal("available", reason);
            assertMissingAtMost(Duration.ZERO);
            assertNothingAfterTheEnd();
        }

        void assertTerminal(String status, String reason) {
            for (Result r : results) {
                assertThat(r.status() + " / " + r.stopReason()).as(scenario + ": " + r.call().plan().sessionId()
                        + " " + r.recording()).isEqualTo(status + " / " + reason);
                assertThat(r.audio().extra()).as(scenario + ": audio slots beyond what was sent").isZero();
            }
        }

        void assertMissingAtMost(Duration window) {
            for (Result r : results) {
                assertThat(r.audio().missingMillis()).as(scenario + ": audio sent but missing in "
                        + r.call().plan().sessionId()).isLessThanOrEqualTo(window.toMillis());
            }
        }

        void assertNothingAfterTheEnd() {
            for (Result r : results) {
                assertThat(r.audio().afterEndMillis()).as(scenario + ": audio cut at the end of "
                        + r.call().plan().sessionId()).isZero();
            }
        }

        String row() {
            long terminal = results.stream().filter(r -> TERMINAL.contains(r.status())).count();
            Set<String> reasons = new TreeSet<>();
            results.forEach(r -> reasons.add(r.status() + " " + r.stopReason()));
            long missing = results.stream().filter(r -> r.audio() != null)
                    .mapToLong(r -> r.audio().missingMillis()).max().orElse(0);
            long afterEnd = results.stream().filter(r -> r.audio() != null)
                    .mapToLong(r -> r.audio().afterEndMillis()).max().orElse(0);
            return "| " + scenario + " | " + results.size() + " | " + terminal + "/" + results.size() + " | "
                    + String.join(", ", reasons) + " | " + missing + " ms | " + afterEnd + " ms | "
                    + seconds(away) + " | " + seconds(terminalAfter) + " |";
        }

        private static String seconds(Duration d) {
            return String.format("%.1f s", d.toMillis() / 1e3);
        }
    }

    /** SIGKILL, then wait for the supervisor to have it running again; returns how long it was away. */
    private static Duration kill(String service) {
        return kill(service, () -> { });
    }

    private static Duration kill(String service, Runnable whileDead) {
        int restarts = system.restarts(service);
        ProcessHandle process = ProcessHandle.of(system.service(service).pid()).orElseThrow();
        long started = System.nanoTime();
        process.destroyForcibly();
        process.onExit().join();
        whileDead.run();
        await().atMost(Duration.ofSeconds(120)).until(() -> system.restarts(service) > restarts);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** As if the pod were replaced on another node: its volume (the journal of open recordings) is gone. */
    private void forgetIngestState() {
        Folders.deleteTree(dataDir.resolve("ingest-state"));
    }

    private interface Restart {
        void run() throws Exception;
    }

    private static Duration timed(Restart restart) throws Exception {
        long started = System.nanoTime();
        restart.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor()).isZero();
    }

    /** The fault's own length (not a wait for readiness): time passes while the calls go on. */
    private static void awaitQuietly(Duration length) {
        long until = System.nanoTime() + length.toNanos();
        await().pollDelay(length).atMost(length.plusSeconds(5)).until(() -> System.nanoTime() >= until);
    }

    private static CallPlan plan(String sessionId, String device, Codec codec, long seed) {
        return new CallPlan(sessionId, device, codec, CallDirection.IN,
                new CallParties("2001", "Fault Suite", "0312345678", "Caller"), CALL_MILLIS, Impairments.NONE, seed);
    }
}
