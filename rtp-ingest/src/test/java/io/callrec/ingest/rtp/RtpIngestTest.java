package io.callrec.ingest.rtp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.Topics;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RtpIngestTest {
    private static final long SSRC = 0xCAFEBABEL;

    private TopicReader frames;

    @BeforeEach
    void openReader() {
        frames = new TopicReader(CallrecStackTestResource.stack().kafkaBootstrapServers(), Topics.FRAMES);
    }

    @AfterEach
    void closeReader() {
        frames.close();
    }

    @Test
    void everyPacketReachesKafkaOnceInOrderWithEndOfStreamCounters() throws Exception {
        UUID id = UUID.randomUUID();
        int port = allocate(id, "PCMA", "127.0.0.1");
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket spoofer = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
            for (int seq = 65530; seq < 65530 + 120; seq++) { // crosses the 16-bit wrap
                send(phone, target, rtp(seq & 0xFFFF, seq * 160L, 8, payload(seq)));
                if (seq == 65540) {
                    send(phone, target, rtp(seq & 0xFFFF, seq * 160L, 8, payload(seq))); // duplicate
                    send(phone, target, new byte[] {1, 2, 3}); // junk
                    send(phone, target, rtp(seq, seq, 0, payload(seq))); // PCMU on a PCMA session
                    send(spoofer, target, rtp(1, 1, 8, payload(1))); // another source
                }
            }
            awaitCount(id, 120);
        }
        end(id, "normal");

        List<FrameBatch> batches = awaitEndOfStream(id);
        List<RtpFrame> all = new ArrayList<>();
        batches.forEach(b -> all.addAll(b.frames()));
        assertThat(all).hasSize(120);
        for (int i = 0; i < all.size(); i++) {
            int seq = 65530 + i;
            assertThat(all.get(i).sequence()).isEqualTo(seq & 0xFFFF);
            assertThat(all.get(i).timestamp()).isEqualTo((seq * 160L) & 0xFFFF_FFFFL);
            assertThat(all.get(i).ssrc()).isEqualTo(SSRC);
            assertThat(all.get(i).payload()).isEqualTo(payload(seq));
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
    void silentRecordingEndsWithRtpTimeout() {
        UUID id = UUID.randomUUID();
        allocate(id, "G722", "127.0.0.1");
        List<FrameBatch> batches = awaitEndOfStream(id);
        assertThat(batches.get(batches.size() - 1).stopReason()).isEqualTo("rtp-timeout");
        given().delete("/internal/sessions/" + id + "?reason=normal").then().statusCode(200)
                .body("ended", equalTo(false)).body("reason", equalTo("rtp-timeout"));
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
        assertThat(awaitEndOfStream(id).stream().filter(FrameBatch::endOfStream)).hasSize(1);
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
    void readinessReflectsKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"));
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
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", keptPort);
            int[] seq = {0};
            // The live gateway polls and its phone streams (so the RTP timeout does not interfere) past the lease.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        send(phone, target, rtp(seq[0], seq[0] * 160L, 8, payload(seq[0]++)));
                        given().get("/internal/status?gatewayId=gw-alive-" + kept).then().statusCode(200);
                        return missing(kept).isEmpty();
                    });
        }
        List<FrameBatch> orphanBatches = awaitEndOfStream(orphan);
        assertThat(orphanBatches.get(orphanBatches.size() - 1).stopReason()).isEqualTo("gateway-lost");
        assertThat(missing(orphan)).containsExactly(orphan.toString());
        end(kept, "normal");
        List<FrameBatch> keptBatches = awaitEndOfStream(kept);
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

    private List<FrameBatch> batchesOf(UUID id) {
        return frames.recordsWithKey(id.toString()).stream().map(r -> FrameBatchCodec.decode(r.value())).toList();
    }

    private void awaitCount(UUID id, int count) {
        // Frames are flushed within the batch delay even without an end; wait until all arrived.
        await().atMost(Duration.ofSeconds(20)).until(() -> batchesOf(id).stream()
                .mapToInt(b -> b.frames().size()).sum() >= count);
    }

    private List<FrameBatch> awaitEndOfStream(UUID id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> batchesOf(id).stream().anyMatch(FrameBatch::endOfStream));
        return batchesOf(id);
    }

    private static void send(DatagramSocket socket, InetSocketAddress target, byte[] bytes) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    static byte[] payload(int seq) {
        byte[] payload = new byte[160];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (seq * 7 + i);
        }
        return payload;
    }

    static byte[] rtp(int seq, long timestamp, int payloadType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) payloadType).putShort((short) seq).putInt((int) timestamp).putInt((int) SSRC);
        b.put(payload);
        return b.array();
    }

}
