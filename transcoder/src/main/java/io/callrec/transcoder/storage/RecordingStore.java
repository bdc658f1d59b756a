package io.callrec.transcoder.storage;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The recordings bucket. Blocking (the MinIO client is): call from worker threads only. Uploads of large files go
 * multipart (the client splits them into parts).
 */
@ApplicationScoped
public class RecordingStore {
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient minio;
    private final String bucket;

    public RecordingStore(MinioClient minio, @ConfigProperty(name = "callrec.storage.bucket") String bucket) {
        this.minio = minio;
        this.bucket = bucket;
    }

    public void upload(String key, Path file) throws Exception {
        minio.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString(), PART_SIZE)
                .contentType("audio/wav").build());
    }

    public boolean exists(String key) throws Exception {
        try {
            minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if (isMissingObject(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the store answered that the object is not there (as opposed to not answering at all). */
    public static boolean isMissingObject(Exception e) {
        return e instanceof ErrorResponseException answer
                && ("NoSuchKey".equals(answer.errorResponse().code())
                || "NoSuchObject".equals(answer.errorResponse().code()));
    }

    /** Whether the store answers and has the bucket now; false during an outage. */
    public boolean answers() {
        try {
            return minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }

    /** Copies an object to a local file (replacing it). */
    public void download(String key, Path file) throws Exception {
        Files.deleteIfExists(file);
        minio.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(key).filename(file.toString()).build());
    }

    public String bucket() {
        return bucket;
    }
}
