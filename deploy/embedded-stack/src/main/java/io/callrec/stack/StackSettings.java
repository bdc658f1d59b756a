package io.callrec.stack;

import java.nio.file.Path;

/**
 * Where the embedded stack keeps its data and on which loopback ports it listens.
 * A port of 0 means "pick a free one" (the tests do that, so they never clash with a running stack).
 *
 * @param dataDir        parent of the kafka/, postgres/ and s3/ data folders; reused across restarts
 * @param kafkaPort      Kafka client listener
 * @param postgresPort   PostgreSQL
 * @param s3Port         the S3-compatible object store
 * @param bucket         the recordings bucket, created at start
 * @param s3AccessKey    S3 access key
 * @param s3SecretKey    S3 secret key
 * @param advertisedHost the address clients are given; the servers listen on loopback only when it is loopback
 */
public record StackSettings(Path dataDir, int kafkaPort, int postgresPort, int s3Port, String bucket,
                            String s3AccessKey, String s3SecretKey, String advertisedHost) {

    public static final String LOOPBACK = "127.0.0.1";

    public static final String DATABASE = "callrec";
    public static final String DATABASE_USER = "postgres";
    public static final String DATABASE_PASSWORD = "postgres";

    /** The local defaults of DESIGN.md. */
    public static StackSettings defaults(Path dataDir) {
        return new StackSettings(dataDir, 19092, 15432, 19000, "callrec-recordings", "callrec", "callrec-secret", LOOPBACK);
    }

    /** Every server on a port chosen when it starts (tried again on another if it was taken meanwhile). */
    public StackSettings onAnyFreePorts() {
        return new StackSettings(dataDir, 0, 0, 0, bucket, s3AccessKey, s3SecretKey, advertisedHost);
    }

    /** Free ports chosen now, so that a second start with the same settings finds the same ports. */
    public StackSettings withFreePorts() {
        return new StackSettings(dataDir, FreePorts.find(), FreePorts.find(), FreePorts.find(), bucket, s3AccessKey,
                s3SecretKey, advertisedHost);
    }

    /** Where the servers listen: loopback for a stack on this machine, every interface for one in a container. */
    public String listenAddress() {
        return LOOPBACK.equals(advertisedHost) ? LOOPBACK : "0.0.0.0";
    }
}
