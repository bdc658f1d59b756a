package io.callrec.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callrec.platform.health.ObjectStoreReadinessCheck;
import io.callrec.stack.S3Server;
import io.callrec.stack.StackSettings;
import io.minio.MinioClient;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real embedded S3 server (s3proxy, signatures enforced), and against a stopped one. */
class ObjectStoreTest {
    private static final String ACCESS_KEY = "callrec";
    private static final String SECRET_KEY = "callrec-secret";
    private static final String BUCKET = "callrec-recordings";

    @TempDir
    static Path dataDir;
    private static S3Server s3;
    private static ObjectStore store;

    @TempDir
    Path files;

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start(dataDir, 0, StackSettings.LOOPBACK, ACCESS_KEY, SECRET_KEY, BUCKET);
        store = store(s3.endpoint(), SECRET_KEY, BUCKET);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void anUploadedFileHasItsSizeAndReadsBackWholeOrByRange() throws Exception {
        Path file = write("hello, recording");
        store.upload("recordings/a.wav", file, "audio/wav");

        assertThat(store.size("recordings/a.wav")).contains(16L);
        try (InputStream in = store.read("recordings/a.wav", 7, 9)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("recording");
        }
        Path copy = files.resolve("copy");
        Files.writeString(copy, "older content, replaced");
        store.download("recordings/a.wav", copy);
        assertThat(Files.readString(copy)).isEqualTo("hello, recording");
    }

    @Test
    void anObjectFromMemoryUnderAKeyThatNeedsEncodingIsStoredUnderThatKey() throws Exception {
        String key = "imports/a b/Grüße+1~.json";
        store.upload(key, "{}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(store.size(key)).contains(2L);
        try (InputStream in = store.read(key, 0, 2)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
        }
    }

    @Test
    void aMissingObjectHasNoSizeAndDownloadingItSaysItIsMissing() {
        assertThat(store.size("recordings/never.wav")).isEmpty();
        assertThatThrownBy(() -> store.download("recordings/never.wav", files.resolve("copy")))
                .isInstanceOf(MissingObjectException.class);
    }

    @Test
    void removingAnObjectTwiceIsNotAnError() throws Exception {
        store.upload("imports/b", write("raw"), "application/octet-stream");
        store.remove("imports/b");
        store.remove("imports/b");
        assertThat(store.size("imports/b")).isEmpty();
    }

    @Test
    void readinessIsUpWithTheBucketAndDownWithoutIt() {
        HealthCheckResponse up = new ObjectStoreReadinessCheck(store).call();
        assertThat(up.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(up.getName()).isEqualTo("object-store");
        assertThat(up.getData()).hasValueSatisfying(data -> assertThat(data).containsEntry("bucket", BUCKET));

        ObjectStore noBucket = store(s3.endpoint(), SECRET_KEY, "no-such-bucket");
        assertThat(new ObjectStoreReadinessCheck(noBucket).call().getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void anUploadTheStoreRefusesFailsWithItsAnswer() throws Exception {
        ObjectStore wrongSecret = store(s3.endpoint(), "not-the-secret", BUCKET);

        assertThatThrownBy(() -> wrongSecret.upload("recordings/c.wav", write("refused"), "audio/wav"))
                .isInstanceOf(StorageException.class).hasMessageContaining("HTTP 403");
        assertThat(store.size("recordings/c.wav")).isEmpty();
    }

    @Test
    void aStoreThatDoesNotAnswerFailsWithAStorageExceptionAndIsNotReady(@TempDir Path otherDir) {
        S3Server stopped = S3Server.start(otherDir, 0, StackSettings.LOOPBACK, ACCESS_KEY, SECRET_KEY, BUCKET);
        stopped.close();
        ObjectStore unanswered = store(stopped.endpoint(), SECRET_KEY, BUCKET);

        assertThatThrownBy(() -> unanswered.size("recordings/a.wav")).isInstanceOf(StorageException.class)
                .isNotInstanceOf(MissingObjectException.class);
        assertThatThrownBy(unanswered::bucketExists).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> unanswered.upload("recordings/a.wav", write("lost"), "audio/wav"))
                .isInstanceOf(StorageException.class);
        assertThat(new ObjectStoreReadinessCheck(unanswered).call().getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    private Path write(String content) throws Exception {
        return Files.writeString(Files.createTempFile(files, "object", ".bin"), content);
    }

    private static ObjectStore store(String endpoint, String secretKey, String bucket) {
        return new ObjectStore(MinioClient.builder().endpoint(endpoint).credentials(ACCESS_KEY, secretKey).build(),
                new SigV4Presigner(URI.create(endpoint), "us-east-1", ACCESS_KEY, secretKey), bucket);
    }
}
