package io.callrec.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.Topics;
import io.callrec.gateway.control.ControlServer;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = IngestInstances.class, restrictToAnnotatedClass = false)
class ControlGatewayTest {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final String YAMADA = "%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E"; // 山田太郎

    @Inject
    ControlServer server;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private TopicReader frames;
    private TopicReader sessions;

    @BeforeEach
    void openReaders() {
        String kafka = CallrecStackTestResource.stack().kafkaBootstrapServers();
        frames = new TopicReader(kafka, Topics.FRAMES);
        sessions = new TopicReader(kafka, Topics.SESSIONS);
        IngestInstances.start(0);
        IngestInstances.start(1);
    }

    @AfterEach
    void closeReaders() {
        frames.close();
        sessions.close();
    }

    @Test
    void malformedLinesAreAnsweredFailedAndTheConnectionStaysUsable() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            assertRefused(phone.request("cmd=RecordStartRequest&id=a1&dir=in&codec=PCMA"), "invalid-request");
            assertRefused(phone.request("cmd=RecordDanceRequest&id=a2"), "invalid-request");
            assertRefused(phone.request(start("a3", "0c:38:3e:00:00:10", "OPUS")), "unsupported-codec");
            assertRefused(phone.request(start("a4", "0c:38:3e:00:00:10", "PCMA").replace("dir=in", "dir=up")),
                    "invalid-request");
            assertRefused(phone.request(start("a5", "0c:38:3e:00:00:10", "PCMA") + "&local_name=%E5%B1"),
                    "invalid-request");
            assertRefused(phone.request("cmd=RecordStartRequest&id=a6&id=a7&device=x&dir=in&codec=PCMA"),
                    "invalid-request");
            phone.sendRaw(new byte[] {(byte) 0xFF, 0x00}); // binary junk, NUL-terminated
            assertRefused(phone.readAnswer(), "invalid-request");
            assertRefused(phone.request("x".repeat(10_000)), "invalid-request"); // over max-line-bytes

            Map<String, String> ok = phone.request(start("a8", "0c:38:3e:00:00:10", "pcmu"));
            assertThat(ok).containsEntry("cmd", "RecordStartResponse").containsEntry("id", "a8")
                    .containsEntry("result", "success");
            assertThat(phone.request("cmd=RecordStopRequest&id=a8&reason=normal"))
                    .containsEntry("cmd", "RecordStopResponse").containsEntry("result", "success");
            assertThat(phone.request("cmd=RecordStopRequest&id=never-started"))
                    .containsEntry("result", "success");
        }
    }

    @Test
    void aPhoneRecordsEveryFrameReachesKafkaOnceAndTheSessionIsPublished() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port());
             DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket spoofer = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            Map<String, String> answer = phone.request(start("call-1", "0C:38:3E:00:00:01", "G722")
                    + "&local_name=" + YAMADA + "&remote_name=" + "李小龙");
            assertThat(answer).containsEntry("result", "success").containsEntry("server", "127.0.0.1");
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(answer.get("port")));
            for (int seq = 0; seq < 100; seq++) {
                send(rtp, target, packet(seq, 9));
                send(spoofer, target, packet(seq, 9));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> framesOf(recordingIdOf("call-1")).size() == 100);
            assertThat(phone.request("cmd=RecordStopRequest&id=call-1&reason=normal")).containsEntry("result", "success");

            UUID id = recordingIdOf("call-1");
            List<FrameBatch> batches = awaitEndOfStream(id);
            List<RtpFrame> all = new ArrayList<>();
            batches.forEach(b -> all.addAll(b.frames()));
            assertThat(all).extracting(RtpFrame::sequence).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 100).boxed().toList());
            FrameBatch last = batches.get(batches.size() - 1);
            assertThat(last.stopReason()).isEqualTo("normal");
            assertThat(last.counters().received()).isEqualTo(100);
            assertThat(last.counters().wrongSource()).isEqualTo(100);

            List<SessionEvent> events = awaitSessionEvents(id, 2);
            SessionEvent started = events.get(0);
            assertThat(started.type()).isEqualTo(SessionEvent.STARTED);
            assertThat(started.sessionId()).isEqualTo("call-1");
            assertThat(started.device()).isEqualTo("0C:38:3E:00:00:01");
            assertThat(started.localName()).isEqualTo("山田太郎");
            assertThat(started.remoteName()).isEqualTo("李小龙");
            assertThat(started.codec()).isEqualTo("G722");
            assertThat(started.direction()).isEqualTo("in");
            assertThat(started.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(events.get(1).type()).isEqualTo(SessionEvent.STOPPED);
            assertThat(events.get(1).reason()).isEqualTo("normal");
        }
    }

    @Test
    void aDroppedConnectionEndsItsRecordingsWithSocketErrorAndKeepsTheAudio() throws Exception {
        PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port());
        Map<String, String> answer = phone.request(start("drop-1", "0c:38:3e:00:00:02", "PCMA"));
        try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(answer.get("port")));
            for (int seq = 0; seq < 10; seq++) {
                send(rtp, target, packet(seq, 8));
            }
            UUID id = recordingIdOf("drop-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> framesOf(id).size() == 10);
            phone.close();
            List<FrameBatch> batches = awaitEndOfStream(id);
            assertThat(batches.get(batches.size() - 1).stopReason()).isEqualTo("socket-error");
            assertThat(awaitSessionEvents(id, 2).get(1).reason()).isEqualTo("socket-error");
            assertThat(framesOf(id)).hasSize(10);
        }
    }

    @Test
    void anUnterminatedMessageIsCompleteAfterTheQuietTimeAndCrlfAndNulWork() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            phone.sendRaw(start("q1", "0c:38:3e:00:00:03", "PCMA").getBytes(StandardCharsets.UTF_8));
            assertThat(phone.readAnswer()).containsEntry("id", "q1").containsEntry("result", "success");
            phone.sendRaw("cmd=RecordStopRequest&id=q1\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(phone.readAnswer()).containsEntry("cmd", "RecordStopResponse");
            phone.sendRaw((start("q2", "0c:38:3e:00:00:03", "PCMA") + "\0").getBytes(StandardCharsets.UTF_8));
            assertThat(phone.readAnswer()).containsEntry("id", "q2").containsEntry("result", "success");
        }
    }

    @Test
    void aMessageSplitWhileRequestsAreInFlightIsNotCutByTheQuietTime() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            StringBuilder pipelined = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                pipelined.append(start("pipe-" + i, pipelineDevice(i), "PCMA")).append('\n');
            }
            String last = start("pipe-50", pipelineDevice(50), "PCMA") + "\n";
            int half = last.length() / 2;
            phone.sendRaw((pipelined + last.substring(0, half)).getBytes(StandardCharsets.UTF_8));
            assertThat(phone.readAnswer()).containsEntry("id", "pipe-0").containsEntry("result", "success");
            // The rest arrives while the gateway works through the other 49, longer than the quiet time.
            phone.sendRaw(last.substring(half).getBytes(StandardCharsets.UTF_8));
            for (int i = 1; i <= 50; i++) {
                assertThat(phone.readAnswer()).containsEntry("id", "pipe-" + i).containsEntry("result", "success");
            }
        }
    }

    /** Four recordings per device, the per-device limit. */
    private static String pipelineDevice(int call) {
        return String.format("0c:38:3e:00:20:%02x", call / 4);
    }

    @Test
    void aDeviceOverItsLimitIsRefusedWithLimitExceeded() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            for (int i = 0; i < 4; i++) {
                assertThat(phone.request(start("lim-" + i, "0c:38:3e:00:00:04", "PCMA")))
                        .containsEntry("result", "success");
            }
            assertRefused(phone.request(start("lim-4", "0c:38:3e:00:00:04", "PCMA")), "limit-exceeded");
        }
    }

    @Test
    void recordingsSpreadOverBothIngestsFailOverAndRunOutOfCapacity() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            Set<Integer> owners = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                Map<String, String> answer = phone.request(start("lb-" + i, "0c:38:3e:00:01:0" + i, "PCMA"));
                owners.add(IngestInstances.ownerOf(Integer.parseInt(answer.get("port"))));
                phone.request("cmd=RecordStopRequest&id=lb-" + i);
            }
            assertThat(owners).containsExactlyInAnyOrder(0, 1);

            IngestInstances.stop(0);
            for (int i = 0; i < 3; i++) {
                Map<String, String> answer = phone.request(start("fo-" + i, "0c:38:3e:00:02:0" + i, "PCMA"));
                assertThat(answer).containsEntry("result", "success");
                assertThat(IngestInstances.ownerOf(Integer.parseInt(answer.get("port")))).isEqualTo(1);
                phone.request("cmd=RecordStopRequest&id=fo-" + i);
            }

            IngestInstances.stop(1);
            assertRefused(phone.request(start("none", "0c:38:3e:00:03:00", "PCMA")), "no-capacity");
        } finally {
            IngestInstances.start(0);
            IngestInstances.start(1);
        }
    }

    @Test
    void aRecordingAnIngestLostInARestartEndsAsIngestLostAndItsPhoneIsDisconnected() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            RecordingOnIngest recording = startRecording(phone, "lost-1", "0c:38:3e:00:30:01");

            IngestInstances.stop(recording.ingest());
            IngestInstances.start(recording.ingest()); // a new process without a journal: the recording is not there

            await().atMost(Duration.ofSeconds(30)).until(phone::closedByGateway);
            assertStoppedOnlyWith(recording.id(), StopReasons.INGEST_LOST);
        }
    }

    @Test
    void aRecordingOnAnIngestUnreachableLongerThanLostAfterEndsAsIngestLost() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            RecordingOnIngest recording = startRecording(phone, "lost-2", "0c:38:3e:00:30:02");

            IngestInstances.suspend(recording.ingest());
            try {
                // lost-after is 20 s in the test profile
                await().atMost(Duration.ofSeconds(45)).until(phone::closedByGateway);
                assertStoppedOnlyWith(recording.id(), StopReasons.INGEST_LOST);
            } finally {
                IngestInstances.resume(recording.ingest());
            }
        }
        given().get(metrics).then().statusCode(200)
                .body(containsString("callrec_gateway_recordings_lost_total"));
    }

    @Test
    void readinessFollowsKafka() {
        given().get(readiness).then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", is("UP"));
    }

    @Test
    void readinessNamesTheBoundControlPortAndTheConnectionsHeld() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get(readiness).then().statusCode(200)
                    .body("checks.find { it.name == 'control-listener' }.status", is("UP"))
                    .body("checks.find { it.name == 'control-listener' }.data.port", is(server.port()))
                    .body("checks.find { it.name == 'control-listener' }.data.connections", greaterThanOrEqualTo(1)));
        }
    }

    private RecordingOnIngest startRecording(PhoneConnection phone, String sessionId, String device)
            throws IOException {
        Map<String, String> answer = phone.request(start(sessionId, device, "PCMA"));
        assertThat(answer).containsEntry("result", "success");
        return new RecordingOnIngest(recordingIdOf(sessionId),
                IngestInstances.ownerOf(Integer.parseInt(answer.get("port"))));
    }

    /** A recording's id and the index of the rtp-ingest instance holding it. */
    private record RecordingOnIngest(UUID id, int ingest) {
    }

    /** One stopped event with this reason, and no other (a socket-error) after it. */
    private void assertStoppedOnlyWith(UUID id, String reason) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !stopsOf(id).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> stopsOf(id).size() == 1);
        assertThat(stopsOf(id)).extracting(SessionEvent::reason).containsExactly(reason);
    }

    private List<SessionEvent> stopsOf(UUID id) {
        return sessions.recordsWithKey(id.toString()).stream().map(r -> sessionEvent(r.value()))
                .filter(e -> SessionEvent.STOPPED.equals(e.type())).toList();
    }

    @Test
    void aPeerSpeakingOnlyJunkIsClosedAfterAFewBadLines() throws Exception {
        try (PhoneConnection peer = new PhoneConnection("127.0.0.1", server.port())) {
            for (int i = 0; i < 10; i++) { // the test profile's max-bad-lines
                assertThat(peer.request("GET / HTTP/1.1 " + i)).containsEntry("result", "failed");
            }
            await().atMost(Duration.ofSeconds(5)).until(peer::closedByGateway);
        }
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            for (int i = 0; i < 20; i++) { // bad lines between good ones are forgiven
                assertThat(phone.request("junk " + i)).containsEntry("result", "failed");
                assertThat(phone.request("cmd=RecordStopRequest&id=j" + i)).containsEntry("result", "success");
            }
        }
    }

    @Test
    void aClientThatNeverReadsIsNoLongerReadOnceItsAnswersFillTheQueue() throws Exception {
        String stop = "cmd=RecordStopRequest&id=" + "x".repeat(250) + "\n";
        byte[] lines = stop.repeat(1000).getBytes(StandardCharsets.UTF_8);
        long offered = 64L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        try (java.net.Socket client = new java.net.Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            Thread writer = new Thread(() -> {
                try {
                    java.io.OutputStream out = client.getOutputStream();
                    while (written.get() < offered) {
                        out.write(lines);
                        written.addAndGet(lines.length);
                    }
                } catch (IOException closed) {
                    // the test ends by closing the socket
                }
            }, "never-reading-client");
            writer.setDaemon(true);
            writer.start();
            // The gateway stops reading: the writer blocks once the socket buffers are full, far below what it offers.
            AtomicLong lastSeen = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> written.get() == lastSeen.getAndSet(written.get()));
            assertThat(written.get()).isLessThan(offered / 2);
        }
    }

    @Test
    void connectionsFromOneAddressBeyondItsLimitAreClosed() throws Exception {
        List<PhoneConnection> phones = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) { // the test profile's max-connections-per-source
                phones.add(new PhoneConnection("127.0.0.9", server.port()));
                assertThat(phones.get(i).request("cmd=RecordStopRequest&id=s" + i)).containsEntry("result", "success");
            }
            try (PhoneConnection oneTooMany = new PhoneConnection("127.0.0.9", server.port());
                 PhoneConnection otherAddress = new PhoneConnection("127.0.0.10", server.port())) {
                await().atMost(Duration.ofSeconds(5)).until(oneTooMany::closedByGateway);
                assertThat(otherAddress.request("cmd=RecordStopRequest&id=o")).containsEntry("result", "success");
            }
        } finally {
            for (PhoneConnection phone : phones) {
                phone.close();
            }
        }
    }

    @Test
    void aRecordingTheIngestEndedStopsCountingAgainstTheLimits() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            for (int i = 0; i < 4; i++) { // the per-device limit; no RTP is ever sent
                assertThat(phone.request(start("tmo-" + i, "0c:38:3e:00:00:05", "PCMA")))
                        .containsEntry("result", "success");
            }
            assertRefused(phone.request(start("tmo-4", "0c:38:3e:00:00:05", "PCMA")), "limit-exceeded");
            // The ingests end them by RTP timeout (5 s here); the gateway learns it from its presence check.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    "success".equals(phone.request(start("tmo-again-" + System.nanoTime(), "0c:38:3e:00:00:05",
                            "PCMA")).get("result")));
        }
    }

    private static void assertRefused(Map<String, String> answer, String reason) {
        assertThat(answer).containsEntry("result", "failed").containsEntry("reason", reason);
    }

    private static String start(String id, String device, String codec) {
        return "cmd=RecordStartRequest&id=" + id + "&device=" + device + "&remote_number=0312345678"
                + "&local_number=1001&dir=in&codec=" + codec;
    }

    private UUID recordingIdOf(String phoneSessionId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> sessions.records().stream()
                .map(r -> sessionEvent(r.value()))
                .filter(e -> SessionEvent.STARTED.equals(e.type()) && phoneSessionId.equals(e.sessionId()))
                .map(SessionEvent::recordingId).reduce((first, last) -> last).orElse(null),
                java.util.Objects::nonNull);
    }

    private static SessionEvent sessionEvent(byte[] json) {
        try {
            return JSON.readValue(json, SessionEvent.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<RtpFrame> framesOf(UUID id) {
        List<RtpFrame> all = new ArrayList<>();
        frames.recordsWithKey(id.toString()).forEach(r -> all.addAll(FrameBatchCodec.decode(r.value()).frames()));
        return all;
    }

    private List<FrameBatch> awaitEndOfStream(UUID id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> frames.recordsWithKey(id.toString()).stream()
                .anyMatch(r -> FrameBatchCodec.decode(r.value()).endOfStream()));
        return frames.recordsWithKey(id.toString()).stream().map(r -> FrameBatchCodec.decode(r.value())).toList();
    }

    private List<SessionEvent> awaitSessionEvents(UUID id, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sessions.recordsWithKey(id.toString()).size() >= count);
        return sessions.recordsWithKey(id.toString()).stream().map(r -> sessionEvent(r.value())).toList();
    }

    private static void send(DatagramSocket socket, InetSocketAddress target, byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    private static byte[] packet(int seq, int payloadType) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) payloadType).putShort((short) seq).putInt(seq * 160).putInt(0x1234);
        return b.array();
    }
}
