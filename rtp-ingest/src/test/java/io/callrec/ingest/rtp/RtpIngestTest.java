package io.callrec.ingest.rtp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RtpIngestTest {
    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private RecordedFrames frames;

    @BeforeEach
    void openReader() {
        frames = new RecordedFrames();
    }

    @AfterEach
    void closeReader() {
        frames.close();
    }

    @Test
    void everyPacketReachesKafkaOnceInOrderWithEndOfStreamCounters() throws Exception {
        UUID id = UUID.randomUUID();
        int port = allocate(id, "PCMA", "127.0.0.1");
        try (Phone phone = new Phone("127.0.0.1"); Phone spoofer = new Phone("127.0.0.2")) {
            for (int seq = 65530; seq < 65530 + 120; seq++) { // crosses the 16-bit wrap
                phone.sendPcma(port, seq, seq + 1);
                if (seq == 65540) {
                    phone.sendPcma(port, seq, seq + 1); // duplicate
                    phone.send(port, new byte[] {1, 2, 3}); // junk
                    phone.send(port, Phone.rtp(seq, seq, 0, Phone.payload(seq))); // PCMU on a PCMA session
                    spoofer.sendPcma(port, 1, 2); // another source
                }
            }
            frames.awaitFrames(id, 120);
        }
        end(id, "normal");

        List<FrameBatch> batches = frames.awaitEndOfStream(id);
        List<RtpFrame> all = frames.framesOf(id);
        assertThat(all).hasSize(120);
        for (int i = 0; i < all.size(); i++) {
            int seq = 65530 + i;
            assertThat(all.get(i).sequence()).isEqualTo(seq & 0xFFFF);
            assertThat(all.get(i).timestamp()).isEqualTo((seq * 160L) & 0xFFFF_FFFFL);
            assertThat(all.get(i).ssrc()).isEqualTo(Phone.SSRC);
            assertThat(all.get(i).payload()).isEqualTo(Phone.payload(seq));
        }
        for (int i = 0; i < batches.size(); i++) {
            assertThat(batches.get(i).batchSequence()).isEqualTo(i);
        }
        FrameBatch last = batches.get(batches.size() - 1);
        assertThat(last.endOfStream()).isTrue();
        assertThat(last.stopReason()).isEqualTo("normal");
        assertThat(last.counters().received()).isEqualTo(120);
        assertThat(last.counters().duplicates()).isEqualTo(1);
        assertThat(last.counters().invalid()).isEqualTo(2);
        assertThat(last.counters().wrongSource()).isEqualTo(1);
    }

    @Test
    void aSecondSenderFromThePhonesAddressCannotSpliceIntoTheCall() throws Exception {
        UUID id = UUID.randomUUID();
        int port = allocate(id, "PCMA", "127.0.0.1");
        try (Phone phone = new Phone("127.0.0.1"); Phone neighbour = new Phone("127.0.0.1")) {
            // Behind the same NAT: same address, another port, mid-call.
            assertOnlyTheFirstSenderIsRecorded(id, port, phone, neighbour);
        }
    }

    @Test
    void firstSourceLatchAcceptsAnUnsignalledAddressAndThenOnlyIt() throws Exception {
        UUID id = UUID.randomUUID();
        int port = allocateLatchingFirstSource(id);
        // A SIPREC client's media comes from an address its signalling never named.
        try (Phone media = new Phone("127.0.0.2"); Phone other = new Phone("127.0.0.3")) {
            assertOnlyTheFirstSenderIsRecorded(id, port, media, other);
        }
    }

    /** A PCMA stream that latches on its first valid source, as a SIPREC stream does. */
    private static int allocateLatchingFirstSource(UUID id) {
        Map<String, Object> request = new HashMap<>(Map.of("recordingId", id.toString(), "codec", "PCMA",
                "sourceIp", "127.0.0.1", "startedAtMillis", System.currentTimeMillis(), "latch", "FIRST_SOURCE"));
        return given().contentType(ContentType.JSON).body(request).post("/internal/sessions").then()
                .statusCode(200).extract().path("port");
    }

    /** The first sender sends 0-9 and 20-29, the second 10-19 between them; only the first's reach Kafka. */
    private void assertOnlyTheFirstSenderIsRecorded(UUID id, int port, Phone first, Phone second) throws Exception {
        first.sendPcma(port, 0, 10);
        second.sendPcma(port, 10, 20);
        first.sendPcma(port, 20, 30);
        frames.awaitFrames(id, 20);
        end(id, "normal");

        List<FrameBatch> batches = frames.awaitEndOfStream(id);
        assertThat(frames.framesOf(id)).extracting(RtpFrame::sequence).containsExactlyElementsOf(
                IntStream.concat(IntStream.range(0, 10), IntStream.range(20, 30)).boxed().toList());
        assertThat(batches.get(batches.size() - 1).counters().wrongSource()).isEqualTo(10);
    }

    @Test
    void aPhoneThatMovesToAnotherPortIsFollowedOnlyAfterASilence() throws Exception {
        UUID id = UUID.randomUUID();
        int port = allocate(id, "PCMA", "127.0.0.1");
        try (Phone before = new Phone("127.0.0.1"); Phone after = new Phone("127.0.0.1")) {
            before.sendPcma(port, 0, 10);
            // The NAT rebinds: the phone goes on from a new port at once. Taken once the stream has been silent
            // for the test profile's source-port-change-after (1 s); dropped until then (about 10 packets).
            AtomicInteger next = new AtomicInteger(10);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                int seq = next.getAndIncrement();
                after.sendPcma(port, seq, seq + 1);
                return frames.framesOf(id).size() > 10;
            });
        }
        end(id, "normal");

        List<FrameBatch> batches = frames.awaitEndOfStream(id);
        assertThat(batches.get(batches.size() - 1).counters().wrongSource()).as("dropped during the silence")
                .isGreaterThan(3);
        assertThat(frames.framesOf(id).get(10).sequence()).isGreaterThan(13);
        given().get(metrics).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("callrec_ingest_source_port_changes_total"));
    }

    @Test
    void packetsSentJustBeforeTheStopAreAllKept() throws Exception {
        UUID id = UUID.randomUUID();
        int port = allocate(id, "PCMA", "127.0.0.1");
        CompletableFuture<Boolean> ended;
        try (Phone phone = new Phone("127.0.0.1")) {
            phone.sendPcma(port, 0, 150);
            ended = CompletableFuture.supplyAsync(() -> given().delete("/internal/sessions/" + id + "?reason=normal")
                    .then().statusCode(200).extract().<Boolean>path("ended"));
            Thread.sleep(20); // not a wait for anything: the last packets are still on the network as the stop arrives
            phone.sendPcma(port, 150, 160);
        }
        assertThat(ended.get()).isTrue();

        List<FrameBatch> batches = frames.awaitEndOfStream(id);
        assertThat(frames.framesOf(id)).extracting(RtpFrame::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 160).boxed().toList());
        assertThat(batches.get(batches.size() - 1).counters().received()).isEqualTo(160);
    }

    @Test
    void silentRecordingEndsWithRtpTimeout() {
        UUID id = UUID.randomUUID();
        allocate(id, "G722", "127.0.0.1");
        List<FrameBatch> batches = frames.awaitEndOfStream(id);
        assertThat(batches.get(batches.size() - 1).stopReason()).isEqualTo("rtp-timeout");
        given().delete("/internal/sessions/" + id + "?reason=normal").then().statusCode(200)
                .body("ended", equalTo(false)).body("reason", equalTo("rtp-timeout"));
    }

    @Test
    void aChannelStreamKeepsItsIdHereAndItsBatchesGoToTheRecordingsChannel() throws Exception {
        UUID stream = UUID.randomUUID();
        UUID recording = UUID.randomUUID();
        Map<String, Object> request = new HashMap<>(Map.of("recordingId", stream.toString(), "codec", "PCMA",
                "sourceIp", "127.0.0.1", "startedAtMillis", System.currentTimeMillis(), "latch", "FIRST_SOURCE",
                "channelOf", Map.of("recordingId", recording.toString(), "channel", 1, "channels", 2)));
        int port = given().contentType(ContentType.JSON).body(request).post("/internal/sessions").then()
                .statusCode(200).body("recordingId", equalTo(stream.toString())).extract().path("port");
        try (Phone phone = new Phone("127.0.0.1")) {
            phone.sendPcma(port, 0, 60);
            frames.awaitFrames(recording, 60);
        }
        end(stream, "normal");

        List<FrameBatch> batches = frames.awaitEndOfStream(recording);
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.recordingId()).isEqualTo(recording);
            assertThat(b.channel()).isEqualTo(1);
            assertThat(b.channels()).isEqualTo(2);
        });
        assertThat(batches).extracting(FrameBatch::batchSequence)
                .containsExactlyElementsOf(LongStream.range(0, batches.size()).boxed().toList());
        assertThat(frames.framesOf(recording)).extracting(RtpFrame::payload)
                .containsExactlyElementsOf(IntStream.range(0, 60).mapToObj(Phone::payload).toList());
        assertThat(frames.batchesOf(stream)).as("nothing keyed by the stream's own id").isEmpty();
    }

    @Test
    void aHeldStreamOutlivesTheRtpTimeoutAndTimesOutOnceReleased() {
        UUID id = UUID.randomUUID();
        allocate(id, "PCMA", "127.0.0.1");
        given().put("/internal/sessions/" + id + "/hold?on=true").then().statusCode(204);
        // Silent for longer than the test profile's RTP timeout (3 s): still open while held.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> missing(id).isEmpty());
        assertThat(frames.batchesOf(id)).as("empty batches while held tell the transcoder the stream lives")
                .isNotEmpty().allSatisfy(b -> assertThat(b.frames()).isEmpty());
        given().put("/internal/sessions/" + id + "/hold?on=false").then().statusCode(204);

        List<FrameBatch> batches = frames.awaitEndOfStream(id);
        assertThat(batches.get(batches.size() - 1).stopReason()).isEqualTo("rtp-timeout");
        given().put("/internal/sessions/" + id + "/hold?on=true").then().statusCode(404);
    }

    @Test
    void aStreamResumedAfterAHoldIsTakenAtOnceFromItsNewPort() throws Exception {
        UUID id = UUID.randomUUID();
        int port = allocateLatchingFirstSource(id);
        try (Phone beforeHold = new Phone("127.0.0.1"); Phone afterHold = new Phone("127.0.0.1")) {
            beforeHold.sendPcma(port, 0, 10);
            frames.awaitFrames(id, 10);
            given().put("/internal/sessions/" + id + "/hold?on=true").then().statusCode(204);
            given().put("/internal/sessions/" + id + "/hold?on=false").then().statusCode(204);
            // The resume re-INVITE moved the client's media to a new port: taken without a silence first.
            afterHold.sendPcma(port, 10, 20);
            frames.awaitFrames(id, 20);
        }
        end(id, "normal");

        List<FrameBatch> batches = frames.awaitEndOfStream(id);
        assertThat(frames.framesOf(id)).extracting(RtpFrame::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        assertThat(batches.get(batches.size() - 1).counters().wrongSource()).isZero();
    }

    @Test
    void allocatingTheSameRecordingTwiceGivesTheSamePortAndEndingIsIdempotent() {
        UUID id = UUID.randomUUID();
        int first = allocate(id, "PCMU", "127.0.0.1");
        assertThat(allocate(id, "PCMU", "127.0.0.1")).isEqualTo(first);
        end(id, "socket-error");
        given().delete("/internal/sessions/" + id).then().statusCode(200).body("ended", equalTo(false))
                .body("reason", equalTo("socket-error"));
        given().delete("/internal/sessions/" + UUID.randomUUID()).then().statusCode(200)
                .body("ended", equalTo(false)).body("reason", equalTo(""));
        assertThat(frames.awaitEndOfStream(id).stream().filter(FrameBatch::endOfStream)).hasSize(1);
    }

    @Test
    void badAllocationRequestsGetAProblemDocument() {
        given().contentType(ContentType.JSON)
                .body(Map.of("recordingId", UUID.randomUUID().toString(), "codec", "OPUS", "sourceIp", "127.0.0.1"))
                .post("/internal/sessions").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("unsupported codec OPUS"));
        given().contentType(ContentType.JSON)
                .body(Map.of("recordingId", UUID.randomUUID().toString(), "codec", "PCMA", "sourceIp", "phone.example"))
                .post("/internal/sessions").then().statusCode(400);
    }

    @Test
    void readinessReflectsKafkaAndRecovery() {
        given().get(readiness).then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'recovery' }.status", equalTo("UP"));
    }

    @Test
    void statusReportsCapacityAndTheSameInstanceIdWhileRunning() {
        String instanceId = given().get("/internal/status").then().statusCode(200)
                .body("capacity", equalTo(100)).body("host", equalTo("127.0.0.1")).extract().path("instanceId");
        assertThat(UUID.fromString(instanceId)).isNotNull();
        given().get("/internal/status?gatewayId=gw-a").then().statusCode(200).body("instanceId", equalTo(instanceId));
    }

    @Test
    void presenceListsTheRecordingsNotHeldHere() {
        UUID open = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        allocate(open, "PCMA", "127.0.0.1");
        allocate(ended, "PCMA", "127.0.0.1");
        end(ended, "normal");
        List<String> missing = given().contentType(ContentType.JSON)
                .body(Map.of("recordingIds", List.of(open, ended, unknown)))
                .post("/internal/sessions/presence").then().statusCode(200).extract().path("recordingIds");
        assertThat(missing).containsExactlyInAnyOrder(ended.toString(), unknown.toString());
        end(open, "normal");
    }

    @Test
    void recordingsOfAGatewayThatStopsPollingEndWithGatewayLost() throws Exception {
        UUID orphan = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        allocate(orphan, "PCMA", "127.0.0.1", "gw-dead-" + orphan);
        int keptPort = allocate(kept, "PCMA", "127.0.0.1", "gw-alive-" + kept);
        try (Phone phone = new Phone("127.0.0.1")) {
            int[] seq = {0};
            // The live gateway polls and its phone streams (so the RTP timeout does not interfere) past the lease.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        phone.sendPcma(keptPort, seq[0], ++seq[0]);
                        given().get("/internal/status?gatewayId=gw-alive-" + kept).then().statusCode(200);
                        return missing(kept).isEmpty();
                    });
        }
        List<FrameBatch> orphanBatches = frames.awaitEndOfStream(orphan);
        assertThat(orphanBatches.get(orphanBatches.size() - 1).stopReason()).isEqualTo("gateway-lost");
        assertThat(missing(orphan)).containsExactly(orphan.toString());
        end(kept, "normal");
        List<FrameBatch> keptBatches = frames.awaitEndOfStream(kept);
        assertThat(keptBatches.get(keptBatches.size() - 1).stopReason()).isEqualTo("normal");
    }

    private static List<String> missing(UUID id) {
        return given().contentType(ContentType.JSON).body(Map.of("recordingIds", List.of(id)))
                .post("/internal/sessions/presence").then().statusCode(200).extract().path("recordingIds");
    }

    private static int allocate(UUID id, String codec, String sourceIp) {
        return allocate(id, codec, sourceIp, null);
    }

    private static int allocate(UUID id, String codec, String sourceIp, String gatewayId) {
        Map<String, Object> request = new HashMap<>(Map.of("recordingId", id.toString(), "codec", codec,
                "sourceIp", sourceIp, "startedAtMillis", System.currentTimeMillis()));
        if (gatewayId != null) {
            request.put("gatewayId", gatewayId);
        }
        return given().contentType(ContentType.JSON).body(request)
                .post("/internal/sessions").then().statusCode(200).body("recordingId", equalTo(id.toString()))
                .extract().path("port");
    }

    private static void end(UUID id, String reason) {
        given().delete("/internal/sessions/" + id + "?reason=" + reason).then().statusCode(200)
                .body("ended", equalTo(true));
    }
}
