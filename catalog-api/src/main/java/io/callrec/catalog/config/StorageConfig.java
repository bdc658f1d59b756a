package io.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;

/** The object store; the MinIO client itself is configured by {@code quarkus.minio.*}. */
@ConfigMapping(prefix = "callrec.storage")
public interface StorageConfig {
    /** The recordings bucket (WAV files and raw imports). */
    String bucket();
}
