package io.callrec.ingest.rtp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged rtp-ingest as a real process with a state dir, killed (SIGKILL) in the middle of a recording and
 * started again: the recording goes on. Runs in the {@code integration-test} phase, after {@code package}.
 */
class RecordingRestartIT {
    /** Fixed, like the tests' UDP ranges (below the kernel's ephemeral range; one Maven build at a time). */
    private static final int UDP_PORT_MIN = 16300;
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String INTERNAL_TOKEN = "restart-test-token";

    private ServiceProcess ingest;

    @AfterEach
    void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void aKilledInstanceContinuesItsRecordingsWhenItComesBack() throws Exception {
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "ingest-state-");
        UUID id = UUID.randomUUID();
        ingest = start(stateDir);
        String firstInstance = api().get("/internal/status?gatewayId=gw-1").then().statusCode(200)
                .extract().path("instanceId");
        int port = api().contentType(ContentType.JSON).body(Map.of("recordingId", id.toString(), "codec", "PCMA",
                        "sourceIp", "127.0.0.1", "startedAtMillis", System.currentTimeMillis(), "gatewayId", "gw-1"))
                .post("/internal/sessions").then().statusCode(200).extract().path("port");

        try (RecordedFrames frames = new RecordedFrames(); Phone phone = new Phone("127.0.0.1")) {
            phone.sendPcma(port, 0, 100);
            frames.awaitFrames(id, 100);

            ProcessHandle.of(ingest.pid()).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(WITHIN).until(() -> !ingest.isAlive());
            ingest.restart();

            api().get("/internal/status?gatewayId=gw-1").then().statusCode(200)
                    .body("instanceId", not(equalTo(firstInstance)));
            List<String> missing = api().contentType(ContentType.JSON).body(Map.of("recordingIds", List.of(id)))
                    .post("/internal/sessions/presence").then().statusCode(200).extract().path("recordingIds");
            assertThat(missing).isEmpty();
            phone.sendPcma(port, 100, 200);
            frames.awaitFrames(id, 200);
            api().delete("/internal/sessions/" + id + "?reason=normal").then().statusCode(200)
                    .body("ended", equalTo(true));

            List<FrameBatch> batches = frames.awaitEndOfStream(id);
            assertThat(frames.framesOf(id)).extracting(RtpFrame::sequence)
                    .containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
            for (int i = 1; i < batches.size(); i++) {
                assertThat(batches.get(i).batchSequence()).isGreaterThan(batches.get(i - 1).batchSequence());
            }
            assertThat(batches).filteredOn(FrameBatch::endOfStream).singleElement()
                    .satisfies(last -> assertThat(last.stopReason()).isEqualTo("normal"));
        }
        await().atMost(WITHIN).until(() -> isEmpty(stateDir));
    }

    private static ServiceProcess start(Path stateDir) {
        return ServiceProcess.start(Path.of("..").toAbsolutePath().normalize(), "rtp-ingest", "rtp-ingest-restart", 0,
                0,
                Map.of("kafka.bootstrap.servers", CallrecStackTestResource.stack().kafkaBootstrapServers(),
                        "callrec.ingest.internal-token", INTERNAL_TOKEN,
                        "callrec.ingest.port-min", String.valueOf(UDP_PORT_MIN),
                        "callrec.ingest.port-max", String.valueOf(UDP_PORT_MIN + 9),
                        "callrec.ingest.state-dir", stateDir.toString()),
                Path.of("target"), Duration.ofSeconds(90));
    }

    private RequestSpecification api() {
        return given().baseUri("http://127.0.0.1").port(ingest.httpPort()).auth().oauth2(INTERNAL_TOKEN);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
