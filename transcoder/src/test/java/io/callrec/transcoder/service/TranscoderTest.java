package io.callrec.transcoder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.Codec;
import io.callrec.contracts.DeadLetter;
import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.ConsumerLoop;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.TopicReader;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.messaging.FrameConsumerService;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class TranscoderTest {
    private static final int WAV_HEADER = 44;

    @Inject
    MinioClient minio;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;
    @Inject
    ObjectMapper json;
    @Inject
    FrameConsumerService consumers;
    @Inject
    TranscoderConfig config;

    private FrameFeed feed;
    private TopicReader recordings;
    private DeadLetters deadLetters;

    @BeforeEach
    void open() {
        String kafka = CallrecStackTestResource.stack().kafkaBootstrapServers();
        feed = new FrameFeed(kafka);
        recordings = new TopicReader(kafka, Topics.RECORDINGS);
        deadLetters = new DeadLetters(json);
    }

    @AfterEach
    void close() {
        feed.close();
        recordings.close();
        deadLetters.close();
    }

    @Test
    void pcmaWithLossReorderAndDuplicatesBecomesTheExpectedPcmSampleForSample() throws Exception {
        List<RtpFrame> sent = FrameFeed.frames("/audio/speech-8k.alaw", 8);
        Set<Integer> lost = Set.of(10, 11, 57, 120);
        List<RtpFrame> arrival = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (!lost.contains(i)) {
                arrival.add(sent.get(i));
            }
        }
        java.util.Collections.swap(arrival, 30, 31); // reordered
        java.util.Collections.swap(arrival, 80, 83);
        arrival.add(90, arrival.get(89)); // duplicated
        UUID id = UUID.randomUUID();
        feed.publish(Topics.FRAMES, id, Codec.PCMA, arrival, 16, 0, true);

        RecordingEvent stored = awaitStored(id);
        short[] expected = samples(FrameFeed.resource("/audio/speech-8k-alaw-sox.pcm"));
        for (int packet : lost) {
            Arrays.fill(expected, packet * 160, (packet + 1) * 160, (short) 0);
        }
        short[] actual = wavSamples(stored.objectKey());
        assertThat(actual).containsExactly(expected);
        assertThat(stored.sampleRate()).isEqualTo(8000);
        assertThat(stored.channels()).isEqualTo(1);
        assertThat(stored.durationMs()).isEqualTo(4000);
        assertThat(stored.packetsLost()).isEqualTo(4);
        assertThat(stored.packetsDuplicate()).isEqualTo(1);
        assertThat(stored.packetsLate()).isEqualTo(4); // 30 after 31; 81, 82 and 80 after 83
        assertThat(stored.packetsReceived()).isEqualTo(sent.size() - 4);
        assertThat(stored.concealedMs()).isEqualTo(80);
        assertThat(stored.stopReason()).isEqualTo("normal");
        assertThat(stored.objectKey()).isEqualTo("recordings/2025/11/23/" + id + ".wav");
        assertThat(stored.sha256()).hasSize(64);
    }

    @Test
    void g722WithReorderEqualsFfmpegsDecodeAt16kHz() throws Exception {
        List<RtpFrame> arrival = new ArrayList<>(FrameFeed.frames("/audio/speech-16k.g722", 9));
        java.util.Collections.swap(arrival, 5, 6);
        java.util.Collections.swap(arrival, 100, 102);
        UUID id = UUID.randomUUID();
        feed.publish(Topics.FRAMES, id, Codec.G722, arrival, 25, 0, true);

        RecordingEvent stored = awaitStored(id);
        assertThat(stored.sampleRate()).isEqualTo(16000);
        assertThat(wavSamples(stored.objectKey()))
                .containsExactly(samples(FrameFeed.resource("/audio/speech-16k-g722-ffmpeg.pcm")));
        assertThat(stored.packetsLost()).isZero();
    }

    @Test
    void aConsumerLeavingHalfwayIsReplacedAndTheWavIsByteIdenticalToAnUndisturbedRun() throws Exception {
        String topic = createTopic("crash-test-frames");
        List<RtpFrame> frames = FrameFeed.frames("/audio/speech-8k.ulaw", 0);
        UUID undisturbed = UUID.randomUUID();
        feed.publish(Topics.FRAMES, undisturbed, Codec.PCMU, frames, 10, 0, true);
        byte[] reference = object(awaitStored(undisturbed).objectKey());

        UUID unfinished = UUID.randomUUID();
        UUID finishedBefore = UUID.randomUUID();
        ConsumerLoop first = consumers.newLoop("crash-test", topic);
        first.start();
        feed.publish(topic, unfinished, Codec.PCMU, frames.subList(0, 100), 10, 0, false);
        feed.publish(topic, finishedBefore, Codec.PCMU, frames.subList(0, 20), 10, 0, true); // lets offsets move
        awaitStored(finishedBefore); // so every batch of the unfinished recording before it was read
        // Leaving commits no further than a crash would: never past the first batch of an unfinished recording.
        assertThat(first.stop()).isTrue();

        feed.publish(topic, unfinished, Codec.PCMU, frames.subList(100, frames.size()), 10, 10, true);
        ConsumerLoop second = consumers.newLoop("crash-test", topic);
        second.start();
        try {
            RecordingEvent stored = awaitStored(unfinished);
            assertThat(object(stored.objectKey())).isEqualTo(reference);
            assertThat(stored.packetsReceived()).isEqualTo(frames.size());
        } finally {
            second.stop();
        }
    }

    @Test
    void aStereoRecordingInterleavedWithAMonoOneAndReplayedAfterARestartBecomesOneStereoWavOfBothStreams()
            throws Exception {
        String topic = createTopic("stereo-crash-frames");
        UUID stereo = UUID.randomUUID();
        UUID mono = UUID.randomUUID();
        UUID finishedBefore = UUID.randomUUID();
        // Channel 1 (PCMU) from another rtp-ingest, its first packet 60 ms after channel 0's (PCMA).
        List<FrameBatch> left = FrameFeed.batches(stereo, 0, 2, Codec.PCMA,
                FrameFeed.frames("/audio/speech-8k.alaw", 8), 10, 0, true);
        List<FrameBatch> right = FrameFeed.batches(stereo, 1, 2, Codec.PCMU,
                FrameFeed.frames("/audio/speech-8k.ulaw", 0, 60_000), 10, 0, true);
        List<FrameBatch> alone = FrameFeed.batches(mono, 0, 1, Codec.PCMA,
                FrameFeed.frames("/audio/speech-8k.alaw", 8), 10, 0, true);

        ConsumerLoop first = consumers.newLoop("stereo-crash-test", topic);
        first.start();
        for (int i = 0; i < 10; i++) {
            feed.send(topic, left.get(i));
            feed.send(topic, alone.get(i));
            feed.send(topic, right.get(i));
            feed.send(topic, right.get(i)); // a producer retry
        }
        feed.publish(topic, finishedBefore, Codec.PCMU, FrameFeed.frames("/audio/speech-8k.ulaw", 0).subList(0, 20),
                10, 0, true);
        awaitStored(finishedBefore);
        assertThat(first.stop()).isTrue();

        for (int i = 10; i < left.size(); i++) {
            feed.send(topic, right.get(i));
            feed.send(topic, alone.get(i));
            feed.send(topic, left.get(i));
        }
        ConsumerLoop second = consumers.newLoop("stereo-crash-test", topic);
        second.start();
        try {
            RecordingEvent stored = awaitStored(stereo);
            assertThat(stored.channels()).isEqualTo(2);
            assertThat(stored.sampleRate()).isEqualTo(8000);
            assertThat(stored.codec()).isEqualTo("PCMA+PCMU");
            assertThat(stored.stopReason()).isEqualTo("normal");
            assertThat(stored.packetsReceived()).isEqualTo(400);
            assertThat(stored.durationMs()).isEqualTo(4060);
            short[] ulaw = samples(FrameFeed.resource("/audio/speech-8k-ulaw-sox.pcm"));
            short[] expectedRight = new short[480 + ulaw.length];
            System.arraycopy(ulaw, 0, expectedRight, 480, ulaw.length);
            short[] expectedLeft = Arrays.copyOf(samples(FrameFeed.resource("/audio/speech-8k-alaw-sox.pcm")),
                    expectedRight.length);
            short[] wav = wavSamples(stored.objectKey());
            assertThat(channel(wav, 0)).containsExactly(expectedLeft);
            assertThat(channel(wav, 1)).containsExactly(expectedRight);

            RecordingEvent monoStored = awaitStored(mono);
            assertThat(monoStored.channels()).isEqualTo(1);
            assertThat(wavSamples(monoStored.objectKey()))
                    .containsExactly(samples(FrameFeed.resource("/audio/speech-8k-alaw-sox.pcm")));
            assertThat(recordings.recordsWithKey(stereo.toString())).hasSize(1);
        } finally {
            second.stop();
        }
    }

    @Test
    void aFinishedStereoRecordingWhoseSecondChannelLiesPastTheCommittedOffsetIsNotRebuiltOnReplay() throws Exception {
        String topic = createTopic("stereo-replay-frames");
        UUID stereo = UUID.randomUUID();
        UUID stillOpen = UUID.randomUUID();
        List<RtpFrame> frames = FrameFeed.frames("/audio/speech-8k.alaw", 8).subList(0, 40);
        List<FrameBatch> left = FrameFeed.batches(stereo, 0, 2, Codec.PCMA, frames, 10, 0, true);
        List<FrameBatch> right = FrameFeed.batches(stereo, 1, 2, Codec.PCMA, frames, 10, 0, true);

        ConsumerLoop first = consumers.newLoop("stereo-replay-test", topic);
        first.start();
        for (FrameBatch batch : left) {
            feed.send(topic, batch);
        }
        feed.publish(topic, stillOpen, Codec.PCMA, frames.subList(0, 10), 10, 0, false); // holds the commit here
        for (FrameBatch batch : right) { // channel 1 begins (batch 0) only after channel 0 ended
            feed.send(topic, batch);
        }
        RecordingEvent stored = awaitStored(stereo);
        assertThat(stored.channels()).isEqualTo(2);
        assertThat(first.stop()).isTrue();

        // The next owner reads again from the open recording: all of channel 1, beginning with its batch 0.
        RecordMetadata end = feed.publish(topic, stillOpen, Codec.PCMA, frames.subList(10, 20), 10, 1, true);
        ConsumerLoop second = consumers.newLoop("stereo-replay-test", topic);
        second.start();
        try {
            awaitStored(stillOpen);
            awaitCommittedPast(end, "stereo-replay-test");
            assertThat(recordings.recordsWithKey(stereo.toString())).hasSize(1);
        } finally {
            second.stop();
        }
    }

    @Test
    void aStereoRecordingWhoseSecondChannelNeverCameIsStoredWithTheFirstChannelsStopReason() throws Exception {
        UUID id = UUID.randomUUID();
        List<RtpFrame> frames = FrameFeed.frames("/audio/speech-8k.alaw", 8);
        for (FrameBatch batch : FrameFeed.batches(id, 0, 2, Codec.PCMA, frames, 10, 0, true)) {
            feed.send(Topics.FRAMES, batch);
        }

        RecordingEvent stored = awaitStored(id); // after ingest-lost-after without a batch of channel 1
        assertThat(stored.channels()).isEqualTo(2);
        assertThat(stored.stopReason()).isEqualTo("normal");
        assertThat(stored.warning()).contains("channel 2 of 2 never arrived");
        short[] wav = wavSamples(stored.objectKey());
        assertThat(channel(wav, 0)).containsExactly(samples(FrameFeed.resource("/audio/speech-8k-alaw-sox.pcm")));
        assertThat(channel(wav, 1)).containsOnly((short) 0);
    }

    @Test
    void aStereoWavTheSpoolRefusesIsRebuiltFromItsFramesOnceTheSpoolTakesIt() throws Exception {
        UUID id = UUID.randomUUID();
        Path wavFile = config.spoolDir().resolve(id + ".wav");
        // A folder where the merged WAV goes: the finisher's completion of the recording fails until it is gone.
        Files.createDirectories(wavFile);
        Path blocker = Files.createFile(wavFile.resolve("blocker"));
        List<FrameBatch> left = FrameFeed.batches(id, 0, 2, Codec.PCMA, FrameFeed.frames("/audio/speech-8k.alaw", 8),
                10, 0, true);
        List<FrameBatch> right = FrameFeed.batches(id, 1, 2, Codec.PCMU,
                FrameFeed.frames("/audio/speech-8k.ulaw", 0), 10, 0, true);
        Path rightSideFile = config.spoolDir().resolve(id + ".wav.ch1");
        try {
            for (FrameBatch batch : left) {
                feed.send(Topics.FRAMES, batch);
            }
            feed.send(Topics.FRAMES, right.get(0));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(rightSideFile));
            for (FrameBatch batch : right.subList(1, right.size())) {
                feed.send(Topics.FRAMES, batch);
            }
            // The side files go only when the recording is completed or dropped: here the completion failed.
            await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(rightSideFile));
            assertThat(recordings.recordsWithKey(id.toString())).isEmpty();
        } finally {
            Files.delete(blocker);
            Files.delete(wavFile);
        }

        RecordingEvent stored = awaitStored(id); // read again from Kafka after the failure
        assertThat(stored.codec()).isEqualTo("PCMA+PCMU");
        short[] wav = wavSamples(stored.objectKey());
        assertThat(channel(wav, 0)).containsExactly(samples(FrameFeed.resource("/audio/speech-8k-alaw-sox.pcm")));
        assertThat(channel(wav, 1)).containsExactly(samples(FrameFeed.resource("/audio/speech-8k-ulaw-sox.pcm")));
        assertThat(recordings.recordsWithKey(id.toString())).hasSize(1);
    }

    @Test
    void aCorruptRecordIsSetAsideAndItsPartitionMovesOn() throws Exception {
        UUID id = UUID.randomUUID();
        byte[] junk = {1, 2, 3, 4, 5};
        feed.send(Topics.FRAMES, id, junk); // same key, so the recording after it is in the same partition
        feed.publish(Topics.FRAMES, id, Codec.PCMA, FrameFeed.frames("/audio/speech-8k.alaw", 8).subList(0, 10), 5,
                0, true);

        assertThat(awaitStored(id).durationMs()).isEqualTo(200);
        DeadLetter letter = deadLetters.awaitFor(id);
        assertThat(letter.service()).isEqualTo("transcoder");
        assertThat(letter.topic()).isEqualTo(Topics.FRAMES);
        assertThat(letter.reason()).startsWith("not a frame batch");
        assertThat(Base64.getDecoder().decode(letter.valueBase64())).isEqualTo(junk);
    }

    @Test
    void aRecordingWhoseIngestWasLostIsStoredWithWhatArrivedAndItsLateBatchesAreSkipped() throws Exception {
        List<RtpFrame> frames = FrameFeed.frames("/audio/speech-8k.alaw", 8);
        UUID id = UUID.randomUUID();
        feed.publish(Topics.FRAMES, id, Codec.PCMA, frames.subList(0, 100), 10, 0, false); // no end of stream

        RecordingEvent stored = awaitStored(id);
        assertThat(stored.stopReason()).isEqualTo(StopReasons.INGEST_LOST);
        assertThat(stored.durationMs()).isEqualTo(2000);
        short[] expected = Arrays.copyOf(samples(FrameFeed.resource("/audio/speech-8k-alaw-sox.pcm")), 100 * 160);
        assertThat(wavSamples(stored.objectKey())).containsExactly(expected);

        RecordMetadata late = feed.publish(Topics.FRAMES, id, Codec.PCMA, frames.subList(100, 120), 10, 10, true);
        awaitCommittedPast(late);
        assertThat(recordings.recordsWithKey(id.toString())).hasSize(1);
    }

    @Test
    void manyRecordingsEndingTogetherAreAllAnnounced() throws Exception {
        // More than the test profile's finisher threads and queue together: the consumer waits, nothing is dropped.
        List<RtpFrame> frames = FrameFeed.frames("/audio/speech-8k.alaw", 8).subList(0, 20);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            feed.publish(Topics.FRAMES, id, Codec.PCMA, frames.subList(0, 10), 10, 0, false);
        }
        for (UUID id : ids) {
            feed.publish(Topics.FRAMES, id, Codec.PCMA, frames.subList(10, 20), 10, 1, true);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, List<String>> eventTypes = recordings.records().stream()
                    .collect(Collectors.groupingBy(r -> r.key(), Collectors.mapping(r -> parse(r.value()).type(),
                            Collectors.toList())));
            assertThat(ids).allSatisfy(id ->
                    assertThat(eventTypes.get(id.toString())).containsExactly(RecordingEvent.STORED));
        });
    }

    @Test
    void readinessReflectsKafkaAndTheBucket() {
        io.restassured.RestAssured.given().get(readiness).then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'object-store' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'spool' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    /** The service's consumer committed past the record: it is done with it. */
    private static void awaitCommittedPast(RecordMetadata record) throws Exception {
        awaitCommittedPast(record, "callrec-transcoder");
    }

    /** The group committed past the record: it is done with it and every recording before it is announced. */
    private static void awaitCommittedPast(RecordMetadata record, String group) throws Exception {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                CallrecStackTestResource.stack().kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    /** A topic of one partition, so that every recording's batches keep their order against the others'. */
    private static String createTopic(String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                CallrecStackTestResource.stack().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
        return name;
    }

    private RecordingEvent awaitStored(UUID id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> recordings.recordsWithKey(id.toString()).stream()
                .map(r -> parse(r.value())).filter(e -> RecordingEvent.STORED.equals(e.type()))
                .findFirst().orElse(null), java.util.Objects::nonNull);
    }

    private RecordingEvent parse(byte[] value) {
        try {
            return json.readValue(value, RecordingEvent.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private byte[] object(String key) throws Exception {
        try (InputStream in = minio.getObject(GetObjectArgs.builder()
                .bucket(CallrecStackTestResource.stack().settings().bucket()).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private short[] wavSamples(String key) throws Exception {
        byte[] wav = object(key);
        assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
        assertThat(ByteBuffer.wrap(wav, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(wav.length - WAV_HEADER);
        return samples(Arrays.copyOfRange(wav, WAV_HEADER, wav.length));
    }

    /** One channel of interleaved stereo samples. */
    private static short[] channel(short[] stereo, int channel) {
        short[] one = new short[stereo.length / 2];
        for (int i = 0; i < one.length; i++) {
            one[i] = stereo[2 * i + channel];
        }
        return one;
    }

    private static short[] samples(byte[] littleEndianPcm) {
        short[] samples = new short[littleEndianPcm.length / 2];
        ByteBuffer.wrap(littleEndianPcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }
}
