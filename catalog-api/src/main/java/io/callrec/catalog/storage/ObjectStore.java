package io.callrec.catalog.storage;

import io.callrec.catalog.config.StorageConfig;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The recordings bucket. Every call blocks on the network: call from worker threads only, never an event loop.
 */
@ApplicationScoped
public class ObjectStore {
    private final MinioClient minio;
    private final String bucket;

    public ObjectStore(MinioClient minio, StorageConfig config) {
        this.minio = minio;
        this.bucket = config.bucket();
    }

    /** The object's size, or empty when there is no such object. */
    public Optional<Long> size(String key) {
        try {
            return Optional.of(minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size());
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new StorageException("stat " + key, e);
        } catch (Exception e) {
            throw new StorageException("stat " + key, e);
        }
    }

    /** {@code length} bytes from {@code offset}; the caller closes the stream. */
    public InputStream read(String key, long offset, long length) {
        try {
            return minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                    .offset(offset).length(length).build());
        } catch (Exception e) {
            throw new StorageException("read " + key, e);
        }
    }

    public void upload(String key, Path file, String contentType) {
        try {
            minio.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                    .filename(file.toString()).contentType(contentType).build());
        } catch (Exception e) {
            throw new StorageException("upload " + key, e);
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
}
