package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callrec.contracts.Codec;
import io.callrec.contracts.CallDirection;
import io.callrec.simulator.call.CallEnding;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.call.SentPacket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * callrec as one system, started as the run command starts it (embedded stack, four service processes):
 * phones record through the control protocol and RTP, the recordings are checked through the catalog API and
 * their WAVs against the audio the phones sent. Then the system is restarted on the same data folder: the first
 * recordings are still there, and the same calls work again.
 */
class WholePipelineTest {
    private static final long CALL_MILLIS = 6_000;

    @Test
    void callsBecomeAvailableRecordingsWithTheAudioThePhonesSentAndSurviveARestart() throws Exception {
        Path dataDir = Path.of("target/whole-pipeline-data").toAbsolutePath();
        LauncherOptions options = anyFreePorts(dataDir);
        List<String> firstRunIds;
        try (CallrecSystem system = CallrecSystem.start(options)) {
            firstRunIds = recordAndVerify(system, "run1");
        }
        try (CallrecSystem again = CallrecSystem.start(options)) {
            for (String id : firstRunIds) {
                CatalogAccess catalog = new CatalogAccess(again);
                JsonNode kept = catalog.get("/api/v1/recordings/" + id);
                assertThat(kept.path("status").asText()).isEqualTo("available");
                assertThat(catalog.audio(id).length).isEqualTo(kept.path("sizeBytes").asLong());
            }
            recordAndVerify(again, "run2");
        }
    }

    /** Five calls at once; returns the catalog ids of their recordings. */
    private List<String> recordAndVerify(CallrecSystem system, String run) throws Exception {
        String tag = run + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<CallPlan> plans = List.of(
                plan(tag + "-pcma", "0c:38:3e:00:10:01", Codec.PCMA, impaired(), "1001", "Alice", 1),
                plan(tag + "-pcmu", "0c:38:3e:00:10:02", Codec.PCMU, impaired(), "1002", "Bob", 2),
                plan(tag + "-g722", "0c:38:3e:00:10:03", Codec.G722, impaired(), "1003", "Carol", 3),
                plan(tag + "-drop", "0c:38:3e:00:10:04", Codec.PCMA, Impairments.NONE.withTcpDrop(true), "1004",
                        "Dave", 4),
                plan(tag + "-ja", "0c:38:3e:00:10:05", Codec.PCMU, Impairments.NONE, "1005", "山田太郎", 5));
        List<SentCall> sent = play(system, plans);
        List<String> ids = new ArrayList<>();
        for (SentCall call : sent) {
            assertThat(call.succeeded()).as(call.plan().sessionId() + ": " + call.failureReason()).isTrue();
            ids.add(verify(system, call));
        }
        return ids;
    }

    private List<SentCall> play(CallrecSystem system, List<CallPlan> plans) throws Exception {
        try (CallsInFlight calls = CallsInFlight.start(system, plans)) {
            return calls.awaitAll(Duration.ofMillis(CALL_MILLIS).plusSeconds(60));
        }
    }

    /** Waits for the call's recording to be available and checks its metadata, figures and audio. */
    private String verify(CallrecSystem system, SentCall call) throws Exception {
        CallPlan plan = call.plan();
        CatalogAccess catalog = new CatalogAccess(system);
        JsonNode recording = catalog.awaitRecording(plan, Duration.ofSeconds(60),
                r -> "available".equals(r.path("status").asText()));

        List<SentPacket> received = call.packets().stream().filter(p -> !p.dropped())
                .sorted(Comparator.comparingInt(SentPacket::index)).toList();
        int first = received.get(0).index();
        int last = received.get(received.size() - 1).index();
        long lostInside = call.packets().stream().filter(p -> p.dropped() && p.index() > first && p.index() < last)
                .count();
        assertThat(recording.path("device").asText()).isEqualToIgnoringCase(plan.device());
        assertThat(recording.path("codec").asText()).isEqualTo(plan.codec().name());
        assertThat(recording.path("direction").asText()).isEqualTo(plan.direction().wireName());
        assertThat(recording.path("localName").asText()).isEqualTo(plan.parties().localName());
        assertThat(recording.path("localNumber").asText()).isEqualTo(plan.parties().localNumber());
        assertThat(recording.path("stopReason").asText())
                .isEqualTo(call.ending() == CallEnding.TCP_DROPPED ? "socket-error" : "normal");
        assertThat(recording.path("sampleRate").asInt()).isEqualTo(plan.codec().sampleRate());
        assertThat(recording.path("packetsReceived").asLong()).isEqualTo(received.size());
        assertThat(recording.path("packetsLost").asLong()).isEqualTo(lostInside);
        assertThat(recording.path("durationMs").asLong()).isEqualTo((last - first + 1) * 20L);

        String id = recording.path("id").asText();
        short[] actual = RecordedAudio.samples(catalog.audio(id));
        short[] expected = RecordedAudio.expectedPcm(plan.codec(), call.packets(), first, last);
        if (plan.codec() == Codec.G722) {
            assertThat(RecordedAudio.snrDb(expected, actual)).as("G.722 SNR against the sent audio").isGreaterThanOrEqualTo(40);
        } else {
            assertThat(actual).containsExactly(expected);
        }
        return id;
    }

    private static Impairments impaired() {
        return Impairments.NONE.withLoss(3).withReorder(3).withDuplicates(2);
    }

    private static CallPlan plan(String sessionId, String device, Codec codec, Impairments impairments,
                                 String localNumber, String localName, long seed) {
        return new CallPlan(sessionId, device, codec, CallDirection.OUT,
                new CallParties(localNumber, localName, "0312345678", "鈴木花子"), CALL_MILLIS, impairments, seed);
    }

    private static LauncherOptions anyFreePorts(Path dataDir) {
        return new LauncherOptions(Path.of("../..").toAbsolutePath().normalize(), dataDir, 0, 0, 0, 0, 0, 0, 18200,
                18299, 0, 0, 0);
    }
}
