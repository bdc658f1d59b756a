package io.callrec.platform.storage;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The recordings bucket ({@code callrec.storage.bucket}; the store's address and keys are the MinIO client's
 * settings, {@code quarkus.minio.*}). Uploads are presigned PUTs ({@link SigV4Presigner}), everything else goes
 * through the MinIO client. Every call blocks on the network: call from worker threads only, never an event loop. Failures are {@link StorageException}s; an object the store says is not there is a
 * {@link MissingObjectException}. Only services that set {@code callrec.storage.enabled=true} at build time have
 * it (the gateway and rtp-ingest store nothing).
 */
@ApplicationScoped
@IfBuildProperty(name = "callrec.storage.enabled", stringValue = "true")
public class ObjectStore {
    /** How long an upload may take, and how long its presigned URL is valid. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    /** Socket writes of up to 64 KB (a 320 KB WAV in 5), not {@code transferTo}'s 8 KB. */
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final Set<String> MISSING_CODES = Set.of("NoSuchKey", "NoSuchObject");

    private final MinioClient minio;
    private final SigV4Presigner presigner;
    private final String bucket;
    /** Closes the connection of an upload still running after {@link #UPLOAD_TIMEOUT}. */
    private final ScheduledThreadPoolExecutor timeouts;

    public ObjectStore(MinioClient minio, SigV4Presigner presigner,
                       @ConfigProperty(name = "callrec.storage.bucket") String bucket) {
        this.minio = minio;
        this.presigner = presigner;
        this.bucket = bucket;
        this.timeouts = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "object-store-upload-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timeouts.setRemoveOnCancelPolicy(true);
    }

    /** The object's size, or empty when there is no such object. */
    public Optional<Long> size(String key) {
        try {
            return Optional.of(minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size());
        } catch (Exception e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw new StorageException("stat " + key, e);
        }
    }

    /** {@code length} bytes from {@code offset}; the caller closes the stream. */
    public InputStream read(String key, long offset, long length) {
        try {
            return minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                    .offset(offset).length(length).build());
        } catch (Exception e) {
            throw failure("read " + key, e);
        }
    }

    /** Copies the object to a local file, replacing it. */
    public void download(String key, Path file) {
        try {
            Files.deleteIfExists(file);
            minio.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString())
                    .build());
        } catch (Exception e) {
            throw failure("download " + key, e);
        }
    }

    /**
     * One PUT to a presigned URL, whose signature covers no payload hash: the MinIO client's own upload reads and
     * hashes every byte with SHA-256 before sending it (even over HTTPS), and the store hashes it again to check.
     * A 20 s recording (320 KB) took 21 ms this way against 5 ms, and more CPU on both sides. Callers that want a
     * checksum compute it once themselves. Up to 5 GB (the S3 limit for one PUT); the store refuses larger files.
     */
    public void upload(String key, Path file, String contentType) {
        try (InputStream in = Files.newInputStream(file)) {
            put(key, Files.size(file), contentType, in);
        } catch (IOException | RuntimeException e) {
            throw new StorageException("upload " + key, e);
        }
    }

    /** A small object from memory, as {@link #upload(String, Path, String)} does a file. */
    public void upload(String key, byte[] content, String contentType) {
        try {
            put(key, content.length, contentType, new ByteArrayInputStream(content));
        } catch (IOException | RuntimeException e) {
            throw new StorageException("upload " + key, e);
        }
    }

    /**
     * The PUT on the calling thread, the body written straight to the socket: {@code java.net.http}'s client took
     * about three times the CPU for a 320 KB file, most of it on threads of its own that hand each chunk on.
     * Connections are kept alive (the JDK keeps up to {@code http.maxConnections}, 5, idle ones; 64 made no
     * difference to either side's CPU with 32 uploading threads).
     */
    private void put(String key, long length, String contentType, InputStream body) throws IOException {
        URI url = presigner.presign("PUT", "/" + bucket + "/" + key, UPLOAD_TIMEOUT, Instant.now());
        HttpURLConnection put = (HttpURLConnection) url.toURL().openConnection();
        // Reads have their own timeout; a write the store stops taking ends when the connection is closed.
        ScheduledFuture<?> deadline = timeouts.schedule(put::disconnect, UPLOAD_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            put.setRequestMethod("PUT");
            put.setConnectTimeout((int) UPLOAD_TIMEOUT.toMillis());
            put.setReadTimeout((int) UPLOAD_TIMEOUT.toMillis());
            put.setRequestProperty("Content-Type", contentType);
            put.setDoOutput(true);
            put.setFixedLengthStreamingMode(length);
            try (OutputStream out = put.getOutputStream()) {
                byte[] buffer = new byte[BUFFER_BYTES];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            }
            int status = put.getResponseCode();
            // Read to the end, so that the connection goes back to the keep-alive cache.
            try (InputStream answer = status / 100 == 2 ? put.getInputStream() : put.getErrorStream()) {
                String text = answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8);
                if (status / 100 != 2) {
                    throw new IOException("HTTP " + status + " " + text);
                }
            }
        } finally {
            deadline.cancel(false);
        }
    }

    /** Removes the object; removing one that is already gone is not an error. */
    public void remove(String key) {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new StorageException("remove " + key, e);
        }
    }

    /** Whether the bucket is there; a {@link StorageException} when the store does not answer. */
    public boolean bucketExists() {
        try {
            return minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw new StorageException("check bucket " + bucket, e);
        }
    }

    public String bucket() {
        return bucket;
    }

    private static StorageException failure(String what, Exception e) {
        return isMissing(e) ? new MissingObjectException(what, e) : new StorageException(what, e);
    }

    /** The store answered that the object is not there (as opposed to not answering at all). */
    private static boolean isMissing(Exception e) {
        return e instanceof ErrorResponseException answer && MISSING_CODES.contains(answer.errorResponse().code());
    }
}
