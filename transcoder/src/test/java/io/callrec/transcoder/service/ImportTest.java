package io.callrec.transcoder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.DeadLetter;
import io.callrec.contracts.ImportRequest;
import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.Topics;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.TopicReader;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Imports end to end through the service: raw files in the bucket, a request on Kafka, a WAV and an event out. */
@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class ImportTest {
    private static final Instant RECEIVED = Instant.parse("2025-11-23T14:30:15Z");

    @Inject
    MinioClient minio;
    @Inject
    ObjectMapper json;

    private KafkaProducer<String, String> producer;
    private TopicReader recordings;
    private DeadLetters deadLetters;

    @BeforeEach
    void open() {
        String kafka = CallrecStackTestResource.stack().kafkaBootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                new StringSerializer(), new StringSerializer());
        recordings = new TopicReader(kafka, Topics.RECORDINGS);
        deadLetters = new DeadLetters(json);
    }

    @AfterEach
    void close() {
        producer.close();
        recordings.close();
        deadLetters.close();
    }

    @Test
    void aUsbCallRolledOverTwoFilesGivenOutOfOrderBecomesOneWavOfTheSpeech() throws Exception {
        RecordingEvent stored = importFiles(ImportRequest.USB,
                "Record_20251123143016.wav", "Record_20251123143015.wav");
        assertThat(stored.type()).isEqualTo(RecordingEvent.STORED);
        assertThat(stored.channels()).isEqualTo(1);
        assertThat(stored.codec()).isEqualTo("PCMA");
        assertThat(stored.sampleRate()).isEqualTo(8000);
        assertThat(stored.durationMs()).isEqualTo(2000);
        assertThat(wavSamples(stored.objectKey())).containsExactly(pcm("/imports/usb/speech-alaw.pcm"));
    }

    @Test
    void aPcapCallBecomesStereoWithTheCallerLeftAndTheCalleeRightAlignedByCaptureTime() throws Exception {
        RecordingEvent stored = importFiles(ImportRequest.PCAP, "call.pcap");
        assertThat(stored.type()).isEqualTo(RecordingEvent.STORED);
        assertThat(stored.channels()).isEqualTo(2);
        short[] interleaved = wavSamples(stored.objectKey());
        short[] left = new short[interleaved.length / 2];
        short[] right = new short[interleaved.length / 2];
        for (int i = 0; i < left.length; i++) {
            left[i] = interleaved[2 * i];
            right[i] = interleaved[2 * i + 1];
        }
        short[] caller = pcm("/imports/pcap/caller-alaw.pcm");
        short[] callee = pcm("/imports/pcap/callee-alaw.pcm");
        assertThat(Arrays.copyOf(left, caller.length)).containsExactly(caller);
        int lead = -1; // the callee started about 0.2 s (1600 samples) after the caller
        for (int offset = 1200; offset <= 2000 && lead < 0; offset++) {
            if (Arrays.equals(Arrays.copyOfRange(right, offset, offset + callee.length), callee)) {
                lead = offset;
            }
        }
        assertThat(lead).as("callee's audio found in the right channel near 0.2 s").isBetween(1200, 2000);
        assertThat(stored.packetsReceived()).isGreaterThanOrEqualTo(180);
    }

    @Test
    void aFileThatIsNotAUsbRecordingFailsWithAClearReason() throws Exception {
        UUID id = UUID.randomUUID();
        String key = ObjectKeys.importedFile(id, RECEIVED, 0);
        put(key, "this is not a recording at all, just text".getBytes());
        send(new ImportRequest(id, ImportRequest.USB, List.of(key), List.of("Record_x.wav"), RECEIVED));
        RecordingEvent failed = awaitEvent(id);
        assertThat(failed.type()).isEqualTo(RecordingEvent.FAILED);
        assertThat(failed.reason()).isNotBlank();
    }

    @Test
    void anImportWhoseFileIsGoneFailsAtOnceAndIsSetAsideSoTheImportsBehindItGoOn() throws Exception {
        UUID gone = UUID.randomUUID();
        send(new ImportRequest(gone, ImportRequest.USB, List.of(ObjectKeys.importedFile(gone, RECEIVED, 0)),
                List.of("Record_20251123143015.wav"), RECEIVED));

        RecordingEvent failed = awaitEvent(gone);
        assertThat(failed.type()).isEqualTo(RecordingEvent.FAILED);
        assertThat(failed.reason()).isEqualTo("an uploaded file is no longer in the object store");
        DeadLetter letter = deadLetters.awaitFor(gone);
        assertThat(letter.topic()).isEqualTo(Topics.IMPORTS);
        assertThat(letter.reason()).isEqualTo(failed.reason());
        assertThat(importFiles(inTheSamePartitionAs(gone), ImportRequest.USB, "Record_20251123143015.wav").type())
                .isEqualTo(RecordingEvent.STORED);
    }

    /** A recording id whose requests go to the same partition of callrec.imports (Kafka's keyed partitioning). */
    private static UUID inTheSamePartitionAs(UUID other) {
        int partitions = Topics.DEFAULT_PARTITIONS.get(Topics.IMPORTS);
        UUID id = UUID.randomUUID();
        while (partition(id, partitions) != partition(other, partitions)) {
            id = UUID.randomUUID();
        }
        return id;
    }

    private static int partition(UUID key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Test
    void aRecordThatIsNoImportRequestIsSetAside() throws Exception {
        UUID key = UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topics.IMPORTS, key.toString(), "{not json")).get(10, TimeUnit.SECONDS);

        DeadLetter letter = deadLetters.awaitFor(key);
        assertThat(letter.reason()).startsWith("not an import request");
        assertThat(new String(Base64.getDecoder().decode(letter.valueBase64()))).isEqualTo("{not json");
    }

    private RecordingEvent importFiles(String kind, String... names) throws Exception {
        return importFiles(UUID.randomUUID(), kind, names);
    }

    private RecordingEvent importFiles(UUID id, String kind, String... names) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String key = ObjectKeys.importedFile(id, RECEIVED, i);
            put(key, resource("/imports/" + kind + "/" + names[i]));
            keys.add(key);
        }
        send(new ImportRequest(id, kind, keys, List.of(names), RECEIVED));
        return awaitEvent(id);
    }

    private void send(ImportRequest request) throws Exception {
        producer.send(new ProducerRecord<>(Topics.IMPORTS, request.recordingId().toString(),
                json.writeValueAsString(request))).get(10, TimeUnit.SECONDS);
    }

    private RecordingEvent awaitEvent(UUID id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> recordings.recordsWithKey(id.toString()).stream()
                .map(r -> {
                    try {
                        return json.readValue(r.value(), RecordingEvent.class);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).findFirst().orElse(null), Objects::nonNull);
    }

    private void put(String key, byte[] bytes) throws Exception {
        minio.putObject(PutObjectArgs.builder().bucket(bucket()).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }

    private short[] wavSamples(String key) throws Exception {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket()).object(key).build())) {
            byte[] wav = in.readAllBytes();
            return samples(Arrays.copyOfRange(wav, 44, wav.length));
        }
    }

    private static String bucket() {
        return CallrecStackTestResource.stack().settings().bucket();
    }

    private static short[] pcm(String resource) {
        return samples(resource(resource));
    }

    private static byte[] resource(String name) {
        return FrameFeed.resource(name);
    }

    private static short[] samples(byte[] littleEndian) {
        short[] samples = new short[littleEndian.length / 2];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }
}
