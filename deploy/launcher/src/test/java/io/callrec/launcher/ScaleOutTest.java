package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.callrec.contracts.CallDirection;
import io.callrec.contracts.Codec;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentCall;
import io.callrec.stack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./callrec up --ingests 2 --transcoders 2}: the gateway spreads the calls over both rtp-ingest processes,
 * the two transcoders share the frames topic, every call becomes a whole recording, and with one rtp-ingest
 * killed new calls still succeed.
 */
class ScaleOutTest {
    private static final long CALL_MILLIS = 3_000;
    /** Enough recordings that both transcoders' halves of the frames topic's partitions get some. */
    private static final int CALLS = 24;
    private static final String PACKETS_RECEIVED = "callrec_ingest_packets_received_total";
    private static final String RECORDINGS_STORED = "callrec_transcoder_recordings_total{result=\"stored\"";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void twoIngestsAndTwoTranscodersShareTheCallsAndEachCallIsRecordedWhole() throws Exception {
        Path dataDir = Path.of("target/scale-out-data").toAbsolutePath();
        try (CallrecSystem system = CallrecSystem.start(new LauncherOptions(Path.of("../..").toAbsolutePath()
                .normalize(), dataDir, 0, 0, 0, 0, 0, 0, 18600, 18699, 0, 0, 0, 2, 2))) {
            assertThat(system.services()).extracting(ServiceProcess::name).containsExactly("catalog-api",
                    "control-gateway", "rtp-ingest-1", "rtp-ingest-2", "transcoder-1", "transcoder-2");
            assertThat(system.service("rtp-ingest-1").config()).containsEntry("callrec.ingest.port-min", "18600")
                    .containsEntry("callrec.ingest.port-max", "18649");
            assertThat(system.service("rtp-ingest-2").config()).containsEntry("callrec.ingest.port-min", "18650")
                    .containsEntry("callrec.ingest.port-max", "18699");

            recordWhole(system, "spread", CALLS);
            for (String ingest : List.of("rtp-ingest-1", "rtp-ingest-2")) {
                assertThat(metric(system.service(ingest), PACKETS_RECEIVED)).as(ingest + " packets").isPositive();
            }
            for (String transcoder : List.of("transcoder-1", "transcoder-2")) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                        assertThat(metric(system.service(transcoder), RECORDINGS_STORED))
                                .as(transcoder + " recordings stored").isPositive());
            }

            ProcessHandle killed = ProcessHandle.of(system.service("rtp-ingest-1").pid()).orElseThrow();
            killed.destroyForcibly();
            killed.onExit().join();
            recordWhole(system, "one-ingest-killed", 6);
        }
    }

    /** {@code calls} calls at once, each of which must end as an available recording with every packet. */
    private static void recordWhole(CallrecSystem system, String run, int calls) throws Exception {
        String tag = run + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<CallPlan> plans = IntStream.range(0, calls).mapToObj(i -> plan(tag, i)).toList();
        List<SentCall> sent;
        try (CallsInFlight inFlight = CallsInFlight.start(system, plans)) {
            sent = inFlight.awaitAll(Duration.ofMillis(CALL_MILLIS).plusSeconds(60));
        }
        CatalogAccess catalog = new CatalogAccess(system);
        for (SentCall call : sent) {
            assertThat(call.succeeded()).as(call.plan().sessionId() + ": " + call.failureReason()).isTrue();
            JsonNode recording = catalog.awaitRecording(call.plan(), Duration.ofSeconds(90),
                    r -> "available".equals(r.path("status").asText()));
            assertThat(recording.path("packetsReceived").asLong()).as(call.plan().sessionId())
                    .isEqualTo(call.packets().size());
        }
    }

    /** Phone {@code i}'s call: PCMA and G.722 in turn, nothing impaired. */
    private static CallPlan plan(String tag, int i) {
        return new CallPlan(tag + "-" + i, String.format("0c:38:3e:02:00:%02x", i),
                i % 2 == 0 ? Codec.PCMA : Codec.G722, CallDirection.OUT,
                new CallParties(String.valueOf(3000 + i), "", "0312345678", ""), CALL_MILLIS, Impairments.NONE, i);
    }

    /** The sum of the samples in {@code service}'s metrics whose line starts with {@code prefix}. */
    private static double metric(ServiceProcess service, String prefix) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl()
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
