package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.Codec;
import io.callrec.simulator.CallRunner;
import io.callrec.simulator.call.CallDirection;
import io.callrec.simulator.call.CallEnding;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.call.SentPacket;
import io.callrec.simulator.control.SimulatedPhone;
import io.callrec.simulator.rtp.Pacing;
import io.callrec.simulator.rtp.RtpSender;
import io.callrec.simulator.speech.SpeechSource;
import io.callrec.stack.FreePorts;
import io.callrec.transcoder.audio.AudioDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * callrec as one system, started as the run command starts it (embedded stack, four service processes):
 * phones record through the control protocol and RTP, the recordings are checked through the catalog API and
 * their WAVs against the audio the phones sent. Then the system is restarted on the same data folder: the first
 * recordings are still there, and the same calls work again.
 */
class WholePipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final long CALL_MILLIS = 6_000;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void callsBecomeAvailableRecordingsWithTheAudioThePhonesSentAndSurviveARestart() throws Exception {
        Path dataDir = Path.of("target/whole-pipeline-data").toAbsolutePath();
        LauncherOptions options = freePorts(dataDir);
        List<String> firstRunIds;
        try (CallrecSystem system = CallrecSystem.start(options)) {
            firstRunIds = recordAndVerify(system, "run1");
        }
        try (CallrecSystem again = CallrecSystem.start(options)) {
            for (String id : firstRunIds) {
                JsonNode kept = get(again, "/api/v1/recordings/" + id);
                assertThat(kept.path("status").asText()).isEqualTo("available");
                assertThat(audio(again, id).length).isEqualTo(kept.path("sizeBytes").asLong());
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
        InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", system.options().controlPort());
        ExecutorService control = Executors.newFixedThreadPool(plans.size());
        List<SimulatedPhone> phones = new ArrayList<>();
        try (RtpSender sender = RtpSender.start(Pacing.realTime())) {
            CallRunner runner = new CallRunner(sender, SpeechSource.shipped(), control);
            List<CompletableFuture<SentCall>> calls = new ArrayList<>();
            for (CallPlan plan : plans) {
                SimulatedPhone phone = SimulatedPhone.connect(gateway);
                phones.add(phone);
                calls.add(runner.run(phone, plan, true));
            }
            List<SentCall> sent = new ArrayList<>();
            for (CompletableFuture<SentCall> call : calls) {
                sent.add(call.get());
            }
            return sent;
        } finally {
            for (SimulatedPhone phone : phones) {
                phone.close();
            }
            control.shutdown();
        }
    }

    /** Waits for the call's recording to be available and checks its metadata, figures and audio. */
    private String verify(CallrecSystem system, SentCall call) throws Exception {
        CallPlan plan = call.plan();
        String query = "/api/v1/recordings?sessionId=" + URLEncoder.encode(plan.sessionId(), StandardCharsets.UTF_8)
                + "&device=" + URLEncoder.encode(plan.device(), StandardCharsets.UTF_8);
        JsonNode recording = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode items = get(system, query).path("items");
                    return items.size() == 1 && "available".equals(items.get(0).path("status").asText())
                            ? items.get(0) : null;
                }, java.util.Objects::nonNull);

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
        short[] actual = samples(audio(system, id));
        short[] expected = expectedPcm(plan.codec(), call.packets(), first, last);
        if (plan.codec() == Codec.G722) {
            assertThat(snrDb(expected, actual)).as("G.722 SNR against the sent audio").isGreaterThanOrEqualTo(40);
        } else {
            assertThat(actual).containsExactly(expected);
        }
        return id;
    }

    /** The packets the recorder got, decoded in order, silence for the lost ones: what the WAV must hold. */
    private static short[] expectedPcm(Codec codec, List<SentPacket> packets, int first, int last) {
        AudioDecoder decoder = AudioDecoder.forCodec(codec);
        int perPacket = 160 * decoder.samplesPerByte();
        short[] pcm = new short[(last - first + 1) * perPacket];
        packets.stream().filter(p -> !p.dropped() && p.index() >= first && p.index() <= last)
                .sorted(Comparator.comparingInt(SentPacket::index)).forEach(p ->
                        decoder.decode(p.payload(), 0, p.payload().length, pcm, (p.index() - first) * perPacket));
        return pcm;
    }

    private static double snrDb(short[] expected, short[] actual) {
        assertThat(actual).hasSameSizeAs(expected);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < expected.length; i++) {
            signal += (double) expected[i] * expected[i];
            double d = expected[i] - actual[i];
            noise += d * d;
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }

    private static Impairments impaired() {
        return Impairments.NONE.withLoss(3).withReorder(3).withDuplicates(2);
    }

    private static CallPlan plan(String sessionId, String device, Codec codec, Impairments impairments,
                                 String localNumber, String localName, long seed) {
        return new CallPlan(sessionId, device, codec, CallDirection.OUT,
                new CallParties(localNumber, localName, "0312345678", "鈴木花子"), CALL_MILLIS, impairments, seed);
    }

    private JsonNode get(CallrecSystem system, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.catalogUrl() + path))
                .header("Authorization", ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private byte[] audio(CallrecSystem system, String id) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                URI.create(system.catalogUrl() + "/api/v1/recordings/" + id + "/audio"))
                .header("Authorization", ADMIN).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("audio/wav"));
        return response.body();
    }

    private static short[] samples(byte[] wav) {
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        short[] samples = new short[(wav.length - 44) / 2];
        ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    private static LauncherOptions freePorts(Path dataDir) {
        return new LauncherOptions(Path.of("../..").toAbsolutePath().normalize(), dataDir, FreePorts.find(),
                FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(), 48200, 48299,
                FreePorts.find(), FreePorts.find(), FreePorts.find());
    }
}
