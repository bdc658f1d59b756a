package io.callrec.gateway.sip.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
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
import io.callrec.gateway.config.SipConfig;
import io.callrec.gateway.it.IngestInstances;
import io.callrec.gateway.sip.message.SipMessage;
import io.callrec.gateway.sip.sdp.OfferedStream;
import io.callrec.gateway.sip.sdp.SdpOffer;
import io.callrec.gateway.sip.transport.SipServer;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SIPREC recording server against real rtp-ingest processes and Kafka, driven over real UDP, TCP and TLS
 * sockets.
 */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = IngestInstances.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SipTlsCertificates.class, restrictToAnnotatedClass = false)
class SiprecServerTest {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final String BOUNDARY = "OSS-unique-boundary-42";

    @Inject
    SipServer server;

    @Inject
    SipConfig config;

    private TopicReader sessions;
    private TopicReader frames;

    @BeforeEach
    void openReaders() {
        String kafka = CallrecStackTestResource.stack().kafkaBootstrapServers();
        sessions = new TopicReader(kafka, Topics.SESSIONS);
        frames = new TopicReader(kafka, Topics.FRAMES);
    }

    @AfterEach
    void closeReaders() {
        sessions.close();
        frames.close();
    }

    @Test
    void aTwoStreamSessionIsOneStereoRecordingFromUnsignalledAddressesEndedByBye() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            assertTwoStreamSessionRecorded(src);
        }
    }

    @Test
    void aSessionOverTlsFromAClientWithACertificateOfTheClientCaIsRecordedAsOverUdp() throws Exception {
        try (SipTestClient src = tlsClient()) {
            assertTwoStreamSessionRecorded(src);
        }
    }

    @Test
    void aSipsRequestUriGetsASipsContactWithoutTransportParameter() throws Exception {
        try (SipTestClient src = tlsClient()) {
            String callId = "sips-" + UUID.randomUUID();
            src.send(sipsInvite(src, callId, SipTestClient.branch()));
            SipMessage ok = src.expect(200, "INVITE", ANSWER);
            assertThat(ok.header("contact")).isEqualTo("<" + sipsUri(src) + ">;+sip.srs");
            src.send(src.request("ACK", callId, 1, SipTestClient.branch(), ok.toTag(), "", null, null));
            UUID recording = onlyStarted(callId).recordingId();
            src.send(src.request("BYE", callId, 2, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(200, "BYE", ANSWER);
            assertThat(stopReasonOf(recording)).isEqualTo(StopReasons.NORMAL);
        }
    }

    @Test
    void aSipsRequestUriOverUdpIsRefusedWith416AndNothingIsRecorded() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            assertSipsRefused(src);
        }
    }

    @Test
    void aSipsRequestUriOverTcpIsRefusedWith416AndNothingIsRecorded() throws Exception {
        try (SipTestClient src = SipTestClient.tcp(server.port())) {
            assertSipsRefused(src);
        }
    }

    /** A {@code sips:} INVITE over a plain transport: 416 without a dialog, and no recording starts. */
    private void assertSipsRefused(SipTestClient src) throws Exception {
        String callId = "sips-over-" + src.transport() + "-" + UUID.randomUUID();
        String branch = SipTestClient.branch();
        src.send(sipsInvite(src, callId, branch));
        SipMessage refused = src.expect(416, "INVITE", ANSWER);
        assertThat(refused.toTag()).as("no dialog was made").isNull();
        src.send(src.request("ACK", callId, 1, branch, null, "", null, null));
        // Had the offer been taken, its recording would have started within these 2 s (others start in far less).
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> startedRecordings(callId).isEmpty());
        assertThat(drain(src, Duration.ofMillis(500))).noneMatch(m -> m.status() == 200);
    }

    /** An INVITE with a two-stream offer, to our {@code sips:} URI. */
    private static String sipsInvite(SipTestClient src, String callId, String branch) {
        return src.request("INVITE", callId, 1, branch, null, "", "application/sdp", offer("PCMA", 8, "sendonly"))
                .replace(src.requestUri() + " SIP/2.0", sipsUri(src) + " SIP/2.0");
    }

    private static String sipsUri(SipTestClient src) {
        return src.requestUri().replace("sip:", "sips:");
    }

    private SipTestClient tlsClient() throws Exception {
        return SipTestClient.tls(server.tlsPort().orElseThrow(), SipTlsCertificates.client(
                Path.of(config.tlsCertificate().orElseThrow()), SipTlsCertificates.SIGNED_CLIENT));
    }

    /** INVITE, ACK, media and BYE over the client's transport: one stereo recording, ended normally. */
    private void assertTwoStreamSessionRecorded(SipTestClient src) throws Exception {
        String callId = "two-streams-" + src.transport() + "-" + UUID.randomUUID();
        String branch = SipTestClient.branch();
        src.send(src.request("INVITE", callId, 1, branch, null, "Require: siprec\r\n",
                "multipart/mixed;boundary=" + BOUNDARY, multipart(offer("PCMA", 8, "sendonly"), metadata(""))));
        assertThat(src.expect(100, "INVITE", ANSWER)).isNotNull();
        SipMessage ok = src.expect(200, "INVITE", ANSWER);
        assertThat(ok.header("content-type")).isEqualTo("application/sdp");
        // Reachable again over the same transport (UDP is the default of a sip: URI).
        assertThat(ok.header("contact")).isEqualTo("<" + src.requestUri()
                + (src.transport().equals("UDP") ? "" : ";transport=" + src.transport().toLowerCase(Locale.ROOT))
                + ">;+sip.srs");
        List<OfferedStream> answer = SdpOffer.parse(ok.body());
        assertThat(answer).extracting(OfferedStream::label).containsExactly("1", "2", "3");
        assertThat(answer).extracting(OfferedStream::direction).containsExactly("recvonly", "recvonly", "inactive");
        assertThat(answer.get(2).port()).as("SRTP-only stream refused").isZero();
        assertThat(answer.get(0).formats()).containsExactly("8");
        src.send(src.request("ACK", callId, 1, SipTestClient.branch(), ok.toTag(), "", null, null));

        // One recording for the session: channel 0's speaker (from the metadata, by label) is the local party,
        // channel 1's the remote one.
        SessionEvent started = onlyStarted(callId);
        assertThat(started.localNumber()).isEqualTo("1009");
        assertThat(started.localName()).isEqualTo("山田太郎");
        assertThat(started.remoteNumber()).isEqualTo("0312345678");
        assertThat(started.remoteName()).isEqualTo("Bob");
        assertThat(started.codec()).isEqualTo("PCMA");
        assertThat(started.ingestPort()).isEqualTo(answer.get(0).port());
        // The client's media come from an address its signalling never named (127.0.0.2 and .3).
        try (DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
             DatagramSocket callee = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0))) {
            for (int seq = 0; seq < 25; seq++) {
                send(caller, answer.get(0), packet(seq, 8, 0x1111));
                send(callee, answer.get(1), packet(seq, 8, 0x2222));
            }
        }
        UUID recording = started.recordingId();
        await().atMost(ANSWER).until(() -> framesOf(recording, 0).size() == 25
                && framesOf(recording, 1).size() == 25);
        assertThat(framesOf(recording, 0)).extracting(RtpFrame::payload)
                .containsExactlyElementsOf(payloads(0, 25, 0x1111));
        assertThat(framesOf(recording, 1)).extracting(RtpFrame::payload)
                .containsExactlyElementsOf(payloads(0, 25, 0x2222));

        src.send(src.request("BYE", callId, 2, SipTestClient.branch(), ok.toTag(), "", null, null));
        src.expect(200, "BYE", ANSWER);
        assertThat(stopReasonOf(recording)).isEqualTo(StopReasons.NORMAL);
        // Each channel ends with its own end-of-stream batch, numbered after its own batches.
        await().atMost(ANSWER).until(() -> endsOfStream(recording).size() == 2);
        assertThat(batchesOf(recording)).allSatisfy(b -> assertThat(b.channels()).isEqualTo(2));
        for (int channel = 0; channel < 2; channel++) {
            int c = channel;
            assertThat(batchesOf(recording)).filteredOn(b -> b.channel() == c).extracting(FrameBatch::batchSequence)
                    .isSorted().doesNotHaveDuplicates();
        }
        assertThat(endsOfStream(recording)).extracting(FrameBatch::channel).containsExactlyInAnyOrder(0, 1);
        assertOnlyOneStopped(recording);
    }

    @Test
    void aRetransmittedInviteIsAnsweredFromItsTransactionAndTheOkRepeatsUntilTheAck() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            String callId = "lost-ack-" + UUID.randomUUID();
            String invite = src.request("INVITE", callId, 1, SipTestClient.branch(), null, "",
                    "application/sdp", offer("PCMU", 0, "sendonly"));
            src.send(invite);
            SipMessage first = src.expect(200, "INVITE", ANSWER);
            src.send(invite); // the client did not see our answer
            SipMessage again = src.expect(200, "INVITE", ANSWER);
            assertThat(again.toTag()).isEqualTo(first.toTag());
            assertThat(again.body()).isEqualTo(first.body());
            // No ACK: T1 is 100 ms in tests, so the 200 comes again and again.
            src.expect(200, "INVITE", Duration.ofSeconds(2));
            src.expect(200, "INVITE", Duration.ofSeconds(2));
            src.send(src.request("ACK", callId, 1, SipTestClient.branch(), first.toTag(), "", null, null));
            drain(src, Duration.ofMillis(300)); // one may have crossed the ACK
            assertThat(src.next(Duration.ofSeconds(2))).as("retransmissions stop after the ACK").isNull();
            onlyStarted(callId);
            src.send(src.request("BYE", callId, 2, SipTestClient.branch(), first.toTag(), "", null, null));
            src.expect(200, "BYE", ANSWER);
        }
    }

    @Test
    void anOkWhoseAckNeverComesEndsTheSessionWithOurByeOverUdp() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            assertUnacknowledgedOkEndsWithBye(src);
        }
    }

    @Test
    void anOkWhoseAckNeverComesEndsTheSessionWithOurByeOverTcp() throws Exception {
        try (SipTestClient src = SipTestClient.tcp(server.port())) {
            assertUnacknowledgedOkEndsWithBye(src);
        }
    }

    @Test
    void anOkWhoseAckNeverComesEndsTheSessionWithOurByeOverTheTlsConnection() throws Exception {
        try (SipTestClient src = tlsClient()) {
            assertUnacknowledgedOkEndsWithBye(src);
        }
    }

    /** RFC 3261 13.3.1.4: no ACK for our 200 within 64*T1 (6.4 s with the tests' T1 of 100 ms) ends the dialog. */
    private void assertUnacknowledgedOkEndsWithBye(SipTestClient src) throws Exception {
        String callId = "no-ack-" + src.transport() + "-" + UUID.randomUUID();
        // Two proxies on the way record-routed (one line with two values, then one more line).
        List<String> routeSet = List.of("<sip:p1.example.net;lr>", "<sip:p2.example.net;lr>",
                "<sip:[2001:db8::3]:5070;transport=tcp;lr>");
        src.send(src.request("INVITE", callId, 1, SipTestClient.branch(), null,
                "Record-Route: " + routeSet.get(0) + ", " + routeSet.get(1) + "\r\nRecord-Route: " + routeSet.get(2)
                        + "\r\n", "application/sdp", offer("PCMA", 8, "sendonly")));
        SipMessage ok = src.expect(200, "INVITE", ANSWER);
        assertThat(ok.headerValues("record-route")).as("copied in order").containsExactlyElementsOf(routeSet);
        List<OfferedStream> answer = SdpOffer.parse(ok.body());
        UUID recording = onlyStarted(callId).recordingId();

        SipMessage bye;
        ScheduledExecutorService media = Executors.newSingleThreadScheduledExecutor();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            // Media keeps coming, so only our BYE can end the recordings (the tests' RTP timeout is 3 s).
            AtomicInteger seq = new AtomicInteger();
            media.scheduleAtFixedRate(() -> {
                int next = seq.getAndIncrement();
                try {
                    send(socket, answer.get(0), packet(next, 8, 0x3001));
                    send(socket, answer.get(1), packet(next, 8, 0x3002));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            bye = src.expectRequest("BYE", Duration.ofSeconds(20));
        } finally {
            media.shutdownNow();
        }
        assertThat(bye.callId()).isEqualTo(callId);
        assertThat(bye.fromTag()).as("our tag").isEqualTo(ok.toTag());
        assertThat(bye.toTag()).as("the client's tag").isEqualTo("src-" + callId.hashCode());
        assertThat(bye.requestUri()).as("the client's Contact").isEqualTo("sip:src@127.0.0.1:" + src.localPort());
        assertThat(bye.headerValues("via").get(0)).startsWith("SIP/2.0/" + src.transport() + " ");
        assertThat(bye.headerValues("route")).as("the dialog's route set").containsExactlyElementsOf(routeSet);
        src.send(SipTestClient.ok(bye));
        assertThat(stopReasonOf(recording)).isEqualTo(StopReasons.NORMAL);
        assertThat(drain(src, Duration.ofSeconds(1))).as("nothing more once our 200 to the BYE came")
                .noneMatch(m -> "BYE".equals(m.method()));
    }

    @Test
    void aCancelBeforeTheAnswerGets200AndTheInvite487AndLeavesNothingOpen() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            String callId = "cancelled-" + UUID.randomUUID();
            String branch = SipTestClient.branch();
            // Sent together: the CANCEL is handled while the ingest is still opening the ports.
            src.send(src.request("INVITE", callId, 1, branch, null, "", "application/sdp",
                    offer("PCMA", 8, "sendonly")));
            src.send(src.request("CANCEL", callId, 1, branch, null, "", null, null));
            src.expect(200, "CANCEL", ANSWER);
            SipMessage terminated = src.expect(487, "INVITE", ANSWER);
            src.send(src.request("ACK", callId, 1, branch, terminated.toTag(), "", null, null));
            // The ports were being opened when the CANCEL came: the recording ends as cancelled.
            UUID started = onlyStarted(callId).recordingId();
            assertThat(stopReasonOf(started)).isEqualTo(StopReasons.CANCELLED);
            assertOnlyOneStopped(started);
            assertThat(drain(src, Duration.ofMillis(500))).noneMatch(m -> m.status() == 200
                    && "INVITE".equals(m.cseqMethod()));
        }
    }

    @Test
    void aHoldLongerThanTheRtpTimeoutKeepsTheRecordingAndTheAudioAfterTheResumeArrives() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port());
             DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
             DatagramSocket callee = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0))) {
            String callId = "hold-" + UUID.randomUUID();
            SipMessage ok = answeredTwoStreamCall(src, callId);
            List<OfferedStream> before = SdpOffer.parse(ok.body());
            UUID recording = onlyStarted(callId).recordingId();
            for (int seq = 0; seq < 10; seq++) {
                send(caller, before.get(0), packet(seq, 8, 0x1111));
                send(callee, before.get(1), packet(seq, 8, 0x2222));
            }

            src.send(src.request("INVITE", callId, 2, SipTestClient.branch(), ok.toTag(), "",
                    "application/sdp", offer("PCMA", 8, "inactive")));
            SipMessage held = src.expect(200, "INVITE", ANSWER);
            src.send(src.request("ACK", callId, 2, SipTestClient.branch(), ok.toTag(), "", null, null));
            List<OfferedStream> onHold = SdpOffer.parse(held.body());
            assertThat(onHold).extracting(OfferedStream::direction).startsWith("inactive", "inactive");
            assertThat(onHold.get(0).port()).isEqualTo(before.get(0).port());

            // No RTP for longer than the ingests' RTP timeout (5 s in these tests) and the presence check after it.
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                    .until(() -> stoppedEventsOf(recording).isEmpty());

            // The resume comes from new SRC ports; the answer keeps ours.
            src.send(src.request("INVITE", callId, 3, SipTestClient.branch(), ok.toTag(), "",
                    "application/sdp", offer("PCMA", 8, "sendonly").replace("10000", "20000")));
            SipMessage resumed = src.expect(200, "INVITE", ANSWER);
            src.send(src.request("ACK", callId, 3, SipTestClient.branch(), ok.toTag(), "", null, null));
            List<OfferedStream> after = SdpOffer.parse(resumed.body());
            assertThat(after).extracting(OfferedStream::port).startsWith(before.get(0).port(), before.get(1).port());
            assertThat(after).extracting(OfferedStream::direction).startsWith("recvonly", "recvonly");
            for (int seq = 10; seq < 20; seq++) {
                send(caller, after.get(0), packet(seq, 8, 0x1111));
                send(callee, after.get(1), packet(seq, 8, 0x2222));
            }
            await().atMost(ANSWER).until(() -> framesOf(recording, 0).size() == 20
                    && framesOf(recording, 1).size() == 20);
            assertThat(framesOf(recording, 1)).extracting(RtpFrame::payload)
                    .containsExactlyElementsOf(payloads(0, 20, 0x2222));
            onlyStarted(callId);
            src.send(src.request("BYE", callId, 4, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(200, "BYE", ANSWER);
            assertThat(stopReasonOf(recording)).isEqualTo(StopReasons.NORMAL);
            assertOnlyOneStopped(recording);
        }
    }

    @Test
    void aClientThatGoesSilentWithoutByeEndsItsRecordingWithRtpTimeout() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            String callId = "vanished-" + UUID.randomUUID();
            SipMessage ok = answeredTwoStreamCall(src, callId);
            UUID recording = onlyStarted(callId).recordingId();

            String reason = await().atMost(Duration.ofSeconds(30)).until(() -> stoppedEventsOf(recording).stream()
                    .findFirst().orElse(null), Objects::nonNull);
            assertThat(reason).isEqualTo(StopReasons.RTP_TIMEOUT);
            await().atMost(ANSWER).until(() -> endsOfStream(recording).size() == 2);
            assertOnlyOneStopped(recording);
            // The session is over: nothing of it is kept, a late BYE finds no dialog.
            src.send(src.request("BYE", callId, 2, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(481, "BYE", ANSWER);
        }
    }

    @Test
    void oneChannelSilentPastTheRtpTimeoutLeavesTheRecordingToTheOther() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port());
             DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            String callId = "one-sided-" + UUID.randomUUID();
            SipMessage ok = answeredTwoStreamCall(src, callId);
            OfferedStream talking = SdpOffer.parse(ok.body()).get(0);
            UUID recording = onlyStarted(callId).recordingId();

            // Channel 1 never sends (a party muted without comfort noise); channel 0 talks past the RTP timeout.
            int[] seq = {0};
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        send(caller, talking, packet(seq[0]++, 8, 0x1111));
                        return stoppedEventsOf(recording).isEmpty();
                    });
            src.send(src.request("BYE", callId, 2, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(200, "BYE", ANSWER);
            assertThat(stopReasonOf(recording)).isEqualTo(StopReasons.NORMAL);
            await().atMost(ANSWER).until(() -> endsOfStream(recording).size() == 2);
            assertThat(endsOfStream(recording)).filteredOn(b -> b.channel() == 1).singleElement()
                    .satisfies(b -> assertThat(b.stopReason()).isEqualTo(StopReasons.RTP_TIMEOUT));
            assertThat(framesOf(recording, 0)).extracting(RtpFrame::payload)
                    .containsExactlyElementsOf(payloads(0, seq[0], 0x1111));
            assertOnlyOneStopped(recording);
        }
    }

    @Test
    void aSessionWhoseSecondStreamGetsNoPortIsRefusedAndLeavesNothingOpen() throws Exception {
        // Every port but one is taken: the first stream gets it, the second none. Earlier sessions' streams are
        // ended first (those that end by RTP timeout included), so no port frees itself meanwhile.
        await().atMost(Duration.ofSeconds(20)).until(() -> IngestInstances.activeSessions(0) == 0
                && IngestInstances.activeSessions(1) == 0);
        List<UUID> taken0 = IngestInstances.occupy(0, IngestInstances.PORTS_PER_INSTANCE - 1);
        List<UUID> taken1 = IngestInstances.occupy(1, IngestInstances.PORTS_PER_INSTANCE);
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            // The gateway learns the free ports from the ingests' status (every 300 ms in tests).
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
            String callId = "half-" + UUID.randomUUID();
            src.send(src.request("INVITE", callId, 1, SipTestClient.branch(), null, "", "application/sdp",
                    offer("PCMA", 8, "sendonly")));
            src.expect(503, "INVITE", ANSWER);
            await().atMost(ANSWER).until(() -> IngestInstances.activeSessions(0) == taken0.size());
            assertThat(startedRecordings(callId)).isEmpty();
        } finally {
            IngestInstances.free(0, taken0);
            IngestInstances.free(1, taken1);
        }
    }

    @Test
    void aReInviteKeepsEachStreamsCodecAndRefusesNewStreams() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            String callId = "renegotiated-" + UUID.randomUUID();
            SipMessage ok = answeredTwoStreamCall(src, callId);
            List<OfferedStream> before = SdpOffer.parse(ok.body());

            // Stream 1 now prefers PCMU but still offers PCMA; stream 2 offers PCMU only; stream 4 is new.
            String changed = "v=0\r\no=SRC 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 10000 RTP/AVP 0 8\r\na=label:1\r\na=sendonly\r\n"
                    + "m=audio 10002 RTP/AVP 0\r\na=label:2\r\na=sendonly\r\n"
                    + "m=audio 10004 RTP/SAVP 8\r\na=label:3\r\na=sendonly\r\n"
                    + "m=audio 10006 RTP/AVP 8\r\na=label:4\r\na=sendonly\r\n";
            src.send(src.request("INVITE", callId, 2, SipTestClient.branch(), ok.toTag(), "", "application/sdp",
                    changed));
            SipMessage reanswered = src.expect(200, "INVITE", ANSWER);
            src.send(src.request("ACK", callId, 2, SipTestClient.branch(), ok.toTag(), "", null, null));
            List<OfferedStream> after = SdpOffer.parse(reanswered.body());
            assertThat(after).extracting(OfferedStream::label).containsExactly("1", "2", "3", "4");
            assertThat(after.get(0).port()).isEqualTo(before.get(0).port());
            assertThat(after.get(0).formats()).as("its original codec").containsExactly("8");
            assertThat(after).extracting(OfferedStream::port).endsWith(0, 0, 0);

            UUID recording = onlyStarted(callId).recordingId();
            src.send(src.request("BYE", callId, 3, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(200, "BYE", ANSWER);
            assertThat(stopReasonOf(recording)).isEqualTo(StopReasons.NORMAL);
        }
    }

    @Test
    void aReInvitesNewMetadataRenamesTheRecordingsPartiesOnce() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            String callId = "transferred-" + UUID.randomUUID();
            SipMessage ok = answeredTwoStreamCall(src, callId);
            UUID recording = onlyStarted(callId).recordingId();

            // The far end was transferred: stream 2's speaker is now Carol. Then the same metadata again.
            String transferred = metadata("").replace("tel:0312345678\"><name>Bob", "tel:0398765432\"><name>Carol");
            for (int cseq = 2; cseq <= 3; cseq++) {
                src.send(src.request("INVITE", callId, cseq, SipTestClient.branch(), ok.toTag(), "",
                        "multipart/mixed;boundary=" + BOUNDARY, multipart(offer("PCMA", 8, "sendonly"), transferred)));
                src.expect(200, "INVITE", ANSWER);
                src.send(src.request("ACK", callId, cseq, SipTestClient.branch(), ok.toTag(), "", null, null));
            }
            src.send(src.request("BYE", callId, 4, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(200, "BYE", ANSWER);
            stopReasonOf(recording);

            List<SessionEvent> described = sessions.recordsWithKey(recording.toString()).stream()
                    .map(r -> sessionEvent(r.value())).filter(e -> SessionEvent.DESCRIBED.equals(e.type())).toList();
            assertThat(described).as("one event for the one change").hasSize(1);
            assertThat(described.get(0).localNumber()).isEqualTo("1009");
            assertThat(described.get(0).localName()).isEqualTo("山田太郎");
            assertThat(described.get(0).remoteNumber()).isEqualTo("0398765432");
            assertThat(described.get(0).remoteName()).isEqualTo("Carol");
        }
    }

    @Test
    void overlappingReInviteGets491AndInDialogRequestsNeedTheDialog() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            String callId = "glare-" + UUID.randomUUID();
            src.send(src.request("INVITE", callId, 1, SipTestClient.branch(), null, "",
                    "application/sdp", offer("PCMA", 8, "sendonly")));
            SipMessage ok = src.expect(200, "INVITE", ANSWER);
            // Re-INVITE before the first one's ACK: still in progress.
            String overlapping = SipTestClient.branch();
            src.send(src.request("INVITE", callId, 2, overlapping, ok.toTag(), "",
                    "application/sdp", offer("PCMA", 8, "sendonly")));
            src.expect(491, "INVITE", ANSWER);
            src.send(src.request("ACK", callId, 2, overlapping, ok.toTag(), "", null, null));
            src.send(src.request("ACK", callId, 1, SipTestClient.branch(), ok.toTag(), "", null, null));

            src.send(src.request("INFO", callId, 3, SipTestClient.branch(), ok.toTag(), "Record: on\r\n", null, null));
            src.expect(200, "INFO", ANSWER);
            src.send(src.request("UPDATE", callId, 4, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(200, "UPDATE", ANSWER);
            src.send(src.request("INFO", "no-such-call", 1, SipTestClient.branch(), "nope", "", null, null));
            src.expect(481, "INFO", ANSWER);
            src.send(src.request("INFO", callId, 5, SipTestClient.branch(), null, "", null, null));
            src.expect(481, "INFO", ANSWER);
            src.send(src.request("BYE", "no-such-call", 1, SipTestClient.branch(), "nope", "", null, null));
            src.expect(481, "BYE", ANSWER);
            src.send(src.request("CANCEL", "no-such-call", 1, SipTestClient.branch(), null, "", null, null));
            src.expect(481, "CANCEL", ANSWER);
            src.send(src.request("BYE", callId, 6, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(200, "BYE", ANSWER);
        }
    }

    @Test
    void offersWithNothingToRecordAreRefusedAndOptionsAndUnknownMethodsAreAnswered() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            String srtpOnly = "v=0\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 8\r\na=label:1\r\n"
                    + "m=audio 4002 RTP/AVP 18\r\na=label:2\r\n";
            src.send(src.request("INVITE", "nothing-" + UUID.randomUUID(), 1, SipTestClient.branch(), null, "",
                    "application/sdp", srtpOnly));
            SipMessage refused = src.expect(488, "INVITE", ANSWER);
            assertThat(refused.toTag()).isNotNull();
            src.send(src.request("INVITE", "textual-" + UUID.randomUUID(), 1, SipTestClient.branch(), null, "",
                    "text/plain", "hello"));
            src.expect(415, "INVITE", ANSWER);
            src.send(src.request("INVITE", "ext-" + UUID.randomUUID(), 1, SipTestClient.branch(), null,
                    "Require: 100rel, timer-fancy\r\n", "application/sdp", offer("PCMA", 8, "sendonly")));
            assertThat(src.expect(420, "INVITE", ANSWER).header("unsupported")).isEqualTo("100rel");

            src.send(src.request("OPTIONS", "ping-" + UUID.randomUUID(), 1, SipTestClient.branch(), null, "", null,
                    null));
            SipMessage options = src.expect(200, "OPTIONS", ANSWER);
            assertThat(options.header("allow")).contains("INVITE", "BYE", "CANCEL", "INFO", "UPDATE");
            assertThat(options.header("accept")).contains("application/rs-metadata+xml");
            src.send(src.request("REGISTER", "reg-" + UUID.randomUUID(), 1, SipTestClient.branch(), null, "", null,
                    null));
            src.expect(405, "REGISTER", ANSWER);
        }
    }

    @Test
    void malformedDatagramsAreDroppedAndTheServerKeepsAnswering() throws Exception {
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            src.sendBytes(new byte[] {(byte) 0xFF, 0, 1, 2});
            src.send("INVITE sip:srs@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP x;branch=z9hG4bKbad\r\n\r\n");
            src.send("INVITE sip:srs@127.0.0.1 SIP/2.0\r\n" + "X-Junk: 1\r\n".repeat(500) + "\r\n");
            src.send("\r\n\r\n"); // a keep-alive
            assertThat(src.next(Duration.ofMillis(500))).isNull();
            src.send(src.request("OPTIONS", "after-junk-" + UUID.randomUUID(), 1, SipTestClient.branch(), null, "",
                    null, null));
            src.expect(200, "OPTIONS", ANSWER);
        }
    }

    @Test
    void overTcpALargeInviteIsFramedByContentLength() throws Exception {
        try (SipTestClient src = SipTestClient.tcp(server.port())) {
            String callId = "tcp-" + UUID.randomUUID();
            String participant = "<participant participant_id=\"p%d\"><nameID aor=\"sip:%d@example.com\">"
                    + "<name>Participant number %d with a long display name</name></nameID></participant>\r\n";
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 80; i++) {
                many.append(participant.formatted(i, 1000 + i, i));
            }
            String body = multipart(offer("PCMU", 0, "sendonly"), metadata(many.toString()));
            assertThat(body.length()).isGreaterThan(8000);
            src.send("\r\n\r\n" + src.request("INVITE", callId, 1, SipTestClient.branch(), null, "",
                    "multipart/mixed;boundary=\"" + BOUNDARY + "\"", body));
            SipMessage ok = src.expect(200, "INVITE", ANSWER);
            assertThat(SdpOffer.parse(ok.body())).hasSize(3);
            src.send(src.request("ACK", callId, 1, SipTestClient.branch(), ok.toTag(), "", null, null)
                    + src.request("BYE", callId, 2, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(200, "BYE", ANSWER);
            assertThat(stopReasonOf(onlyStarted(callId).recordingId())).isEqualTo(StopReasons.NORMAL);
        }
    }

    @Test
    void aBurstOfFiftySessionsIsAnsweredAndEndedWithoutLosingOne() throws Exception {
        int calls = 50;
        String prefix = "burst-" + UUID.randomUUID() + "-";
        String oneStream = "v=0\r\no=SRC 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 10000 RTP/AVP 0\r\na=label:1\r\na=sendonly\r\n";
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            for (int i = 0; i < calls; i++) {
                src.send(src.request("INVITE", prefix + i, 1, SipTestClient.branch(), null, "", "application/sdp",
                        oneStream));
            }
            Map<String, String> tags = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tags.size() < calls && System.nanoTime() < deadline) {
                SipMessage m = src.next(Duration.ofSeconds(5));
                if (m != null && m.status() == 200 && "INVITE".equals(m.cseqMethod())
                        && !tags.containsKey(m.callId())) {
                    tags.put(m.callId(), m.toTag());
                    src.send(src.request("ACK", m.callId(), 1, SipTestClient.branch(), m.toTag(), "", null, null));
                }
            }
            assertThat(tags).hasSize(calls);
            for (var call : tags.entrySet()) {
                src.send(src.request("BYE", call.getKey(), 2, SipTestClient.branch(), call.getValue(), "", null,
                        null));
            }
            Set<String> ended = new HashSet<>();
            while (ended.size() < calls && System.nanoTime() < deadline) {
                SipMessage m = src.next(Duration.ofSeconds(5));
                if (m != null && m.status() == 200 && "BYE".equals(m.cseqMethod())) {
                    ended.add(m.callId());
                }
            }
            assertThat(ended).hasSize(calls);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sessions.records().stream()
                .map(r -> sessionEvent(r.value()))
                .filter(e -> SessionEvent.STARTED.equals(e.type()) && e.sessionId() != null
                        && e.sessionId().startsWith(prefix)).count() == calls);
    }

    @Test
    void onDemandKeepsOnlyWhatLiesBetweenRecordOnAndRecordOff() throws Exception {
        UUID switched = onDemandCall(true);
        assertThat(framesOf(switched)).extracting(RtpFrame::sequence)
                .containsExactlyElementsOf(IntStream.range(10, 20).boxed().toList());
        UUID neverOn = onDemandCall(false);
        assertThat(framesOf(neverOn)).as("a session never switched on leaves no audio").isEmpty();
    }

    /**
     * A session whose participant 2999 is on-demand (test config): packets 0-9, then (if {@code switchOn})
     * {@code Record: on}, 10-19, {@code Record: off}, 20-29, BYE. Returns the recording, once it has ended.
     */
    private UUID onDemandCall(boolean switchOn) throws Exception {
        String callId = "on-demand-" + UUID.randomUUID();
        try (SipTestClient src = SipTestClient.udp(server.port());
             DatagramSocket media = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            SipMessage ok = answeredCallOf(src, callId, "2999");
            OfferedStream port = SdpOffer.parse(ok.body()).get(0);
            UUID recording = onlyStarted(callId).recordingId();
            double droppedBefore = notCapturingDrops(port.port());
            sendRange(media, port, 0, 10);
            if (switchOn) {
                // The ingest has read (and dropped) all ten before the switch: UDP and HTTP are not ordered.
                await().atMost(ANSWER).until(() -> notCapturingDrops(port.port()) >= droppedBefore + 10);
                src.send(src.request("INFO", callId, 2, SipTestClient.branch(), ok.toTag(), "Record: on\r\n", null,
                        null));
                src.expect(200, "INFO", ANSWER);
            }
            sendRange(media, port, 10, 20);
            if (switchOn) {
                await().atMost(ANSWER).untilAsserted(() -> assertThat(framesOf(recording))
                        .extracting(RtpFrame::sequence).hasSize(10));
                src.send(src.request("INFO", callId, 3, SipTestClient.branch(), ok.toTag(), "Record: off\r\n",
                        null, null));
                src.expect(200, "INFO", ANSWER);
            }
            sendRange(media, port, 20, 30);
            src.send(src.request("BYE", callId, 4, SipTestClient.branch(), ok.toTag(), "", null, null));
            src.expect(200, "BYE", ANSWER);
            await().atMost(Duration.ofSeconds(20)).until(() -> frames.recordsWithKey(recording.toString()).stream()
                    .anyMatch(r -> FrameBatchCodec.decode(r.value()).endOfStream()));
            return recording;
        }
    }

    /** A session with the two labelled PCMA streams (and a refused third) of {@link #offer}; its 200, ACKed. */
    private static SipMessage answeredTwoStreamCall(SipTestClient src, String callId) throws Exception {
        src.send(src.request("INVITE", callId, 1, SipTestClient.branch(), null, "",
                "multipart/mixed;boundary=" + BOUNDARY, multipart(offer("PCMA", 8, "sendonly"), metadata(""))));
        SipMessage ok = src.expect(200, "INVITE", ANSWER);
        src.send(src.request("ACK", callId, 1, SipTestClient.branch(), ok.toTag(), "", null, null));
        return ok;
    }

    /** A one-stream PCMA session whose stream participant {@code number} sends; its 200, ACKed. */
    private static SipMessage answeredCallOf(SipTestClient src, String callId, String number) throws Exception {
        String oneStream = "v=0\r\no=SRC 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 10000 RTP/AVP 8\r\na=label:1\r\na=sendonly\r\n";
        String metadata = "<recording xmlns=\"urn:ietf:params:xml:ns:recording:1\">"
                + "<participant participant_id=\"ext\"><nameID aor=\"sip:" + number + "@pbx\"/></participant>"
                + "<participantstreamassoc participant_id=\"ext\"><send>1</send></participantstreamassoc></recording>";
        src.send(src.request("INVITE", callId, 1, SipTestClient.branch(), null, "",
                "multipart/mixed;boundary=" + BOUNDARY, multipart(oneStream, metadata)));
        SipMessage ok = src.expect(200, "INVITE", ANSWER);
        src.send(src.request("ACK", callId, 1, SipTestClient.branch(), ok.toTag(), "", null, null));
        return ok;
    }

    @Test
    void urlRecordSwitchesTheOneSessionOfThePhonesExtension() throws Exception {
        String phone91 = "0C:38:3E:00:00:91";
        urlRecord(phone91, null).then().statusCode(404).body(containsString("No recorded call for extension 3001"));
        urlRecord(null, null).then().statusCode(400);
        urlRecord("0c:38:3e:00:00:99", null).then().statusCode(404).body(containsString("no extension assigned"));
        try (SipTestClient src = SipTestClient.udp(server.port())) {
            String callId = "url-" + UUID.randomUUID();
            SipMessage ok = answeredCallOf(src, callId, "3001");
            // A Yealink names its MAC in the User-Agent; the URL may carry none.
            String userAgent = "Yealink SIP-T46G 28.80.0.60 0c:38:3e:00:00:91";
            urlRecord(null, userAgent).then().statusCode(200).body(is("Recording off\n"));
            urlRecord(phone91, null).then().statusCode(200).body(is("Recording on\n"));

            String second = "url-second-" + UUID.randomUUID();
            SipMessage otherOk = answeredCallOf(src, second, "3001");
            urlRecord(phone91, null).then().statusCode(409).body(containsString("Several recorded calls"));
            for (String id : List.of(callId, second)) {
                src.send(src.request("BYE", id, 2, SipTestClient.branch(),
                        id.equals(callId) ? ok.toTag() : otherOk.toTag(), "", null, null));
                src.expect(200, "BYE", ANSWER);
            }
        }
        urlRecord(phone91, null).then().statusCode(404);
    }

    private static io.restassured.response.Response urlRecord(String mac, String userAgent) {
        var request = given();
        if (mac != null) {
            request.queryParam("mac", mac);
        }
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return request.get("/url-record");
    }

    /** The ingest's count of packets dropped while not capturing, all recordings together. */
    private static double notCapturingDrops(int ingestPort) throws IOException {
        return IngestInstances.metricsOfOwner(ingestPort).lines()
                .filter(line -> line.startsWith("callrec_ingest_packets_dropped_total{")
                        && line.contains("reason=\"not-capturing\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static void sendRange(DatagramSocket socket, OfferedStream to, int from, int until) throws IOException {
        for (int seq = from; seq < until; seq++) {
            send(socket, to, packet(seq, 8, 0x3333));
        }
    }

    /** Two labelled audio streams in the codec, and an SRTP-only third one (to be refused). */
    static String offer(String codec, int payloadType, String direction) {
        return "v=0\r\no=SRC 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 10000 RTP/AVP " + payloadType + " 101\r\na=rtpmap:" + payloadType + " " + codec + "/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=label:1\r\na=" + direction + "\r\n"
                + "m=audio 10002 RTP/AVP " + payloadType + "\r\na=label:2\r\na=" + direction + "\r\n"
                + "m=audio 10004 RTP/SAVP " + payloadType + "\r\na=label:3\r\na=" + direction + "\r\n";
    }

    static String metadata(String moreParticipants) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                + "<recording xmlns=\"urn:ietf:params:xml:ns:recording:1\">\r\n"
                + "<datamode>complete</datamode>\r\n"
                + "<session session_id=\"hVpd7YQgRW2nD22h7q60JQ==\"></session>\r\n"
                + moreParticipants
                // Listed so that position would pair them wrongly: labels decide.
                + "<participant participant_id=\"pb\"><nameID aor=\"tel:0312345678\"><name>Bob</name></nameID>"
                + "</participant>\r\n"
                + "<participant participant_id=\"pa\"><nameID aor=\"sip:1009@pbx.example\"><name>山田太郎</name>"
                + "</nameID></participant>\r\n"
                + "<stream stream_id=\"s2\" session_id=\"hVpd7YQgRW2nD22h7q60JQ==\"><label>2</label></stream>\r\n"
                + "<stream stream_id=\"s1\" session_id=\"hVpd7YQgRW2nD22h7q60JQ==\"><label>1</label></stream>\r\n"
                + "<participantstreamassoc participant_id=\"pa\"><send>s1</send><recv>s2</recv>"
                + "</participantstreamassoc>\r\n"
                + "<participantstreamassoc participant_id=\"pb\"><send>s2</send><recv>s1</recv>"
                + "</participantstreamassoc>\r\n"
                + "</recording>\r\n";
    }

    static String multipart(String sdp, String metadata) {
        return "--" + BOUNDARY + "\r\nContent-Type: application/sdp\r\n\r\n" + sdp + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Type: application/rs-metadata+xml\r\n"
                + "Content-Disposition: recording-session\r\n\r\n" + metadata + "\r\n"
                + "--" + BOUNDARY + "--\r\n";
    }

    /** The session's one started event (awaited), checked to be the only one. */
    private SessionEvent onlyStarted(String callId) {
        List<SessionEvent> started = await().atMost(ANSWER).until(() -> startedRecordings(callId),
                events -> !events.isEmpty());
        assertThat(started).as("one recording per session").hasSize(1);
        return started.get(0);
    }

    private List<SessionEvent> startedRecordings(String callId) {
        return sessions.records().stream().map(r -> sessionEvent(r.value()))
                .filter(e -> SessionEvent.STARTED.equals(e.type()) && callId.equals(e.sessionId())).toList();
    }

    private List<String> stoppedEventsOf(UUID recording) {
        return sessions.recordsWithKey(recording.toString()).stream().map(r -> sessionEvent(r.value()))
                .filter(e -> SessionEvent.STOPPED.equals(e.type())).map(SessionEvent::reason).toList();
    }

    private String stopReasonOf(UUID recording) {
        return await().atMost(ANSWER).until(() -> stoppedEventsOf(recording).stream().findFirst().orElse(null),
                Objects::nonNull);
    }

    /** Once its channels have ended, the recording has had one stopped event, not one per stream. */
    private void assertOnlyOneStopped(UUID recording) {
        await().atMost(ANSWER).until(() -> !endsOfStream(recording).isEmpty());
        assertThat(stoppedEventsOf(recording)).hasSize(1);
    }

    private List<FrameBatch> batchesOf(UUID id) {
        return frames.recordsWithKey(id.toString()).stream().map(r -> FrameBatchCodec.decode(r.value())).toList();
    }

    private List<FrameBatch> endsOfStream(UUID id) {
        return batchesOf(id).stream().filter(FrameBatch::endOfStream).toList();
    }

    private List<RtpFrame> framesOf(UUID id) {
        return batchesOf(id).stream().flatMap(b -> b.frames().stream()).toList();
    }

    private List<RtpFrame> framesOf(UUID id, int channel) {
        return batchesOf(id).stream().filter(b -> b.channel() == channel).flatMap(b -> b.frames().stream()).toList();
    }

    private static List<SipMessage> drain(SipTestClient src, Duration quiet) throws Exception {
        List<SipMessage> seen = new ArrayList<>();
        for (SipMessage m = src.next(quiet); m != null; m = src.next(quiet)) {
            seen.add(m);
        }
        return seen;
    }

    private static SessionEvent sessionEvent(byte[] json) {
        try {
            return JSON.readValue(json, SessionEvent.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void send(DatagramSocket socket, OfferedStream to, byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, new InetSocketAddress(to.address(), to.port())));
    }

    private static byte[] packet(int seq, int payloadType, int ssrc) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) payloadType).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
        b.put(payload(seq, ssrc));
        return b.array();
    }

    /** 160 bytes that differ per packet and per stream, so a frame on the wrong channel shows. */
    private static byte[] payload(int seq, int ssrc) {
        byte[] payload = new byte[160];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (ssrc + seq * 7 + i);
        }
        return payload;
    }

    private static List<byte[]> payloads(int from, int until, int ssrc) {
        return IntStream.range(from, until).mapToObj(seq -> payload(seq, ssrc)).toList();
    }
}
