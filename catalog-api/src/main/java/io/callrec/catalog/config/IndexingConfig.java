package io.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the catalog consumes callrec.sessions and callrec.recordings ({@code kafka.*} holds the broker address). */
@ConfigMapping(prefix = "callrec.indexing")
public interface IndexingConfig {
    /** Turns the consumer off, e.g. for a read-only replica. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("callrec-catalog")
    String groupId();

    /** Events written in one transaction at most. */
    @WithDefault("500")
    int maxBatch();

    /** Wait before retrying a batch whose write failed (the offsets stay uncommitted meanwhile). */
    @WithDefault("2s")
    Duration retryBackoff();

    /**
     * A batch that failed this many times in a row is written event by event: an event the database still refuses
     * (while it answers) is set aside on the dead-letter topic, so it never holds up its partition.
     */
    @WithDefault("5")
    int maxAttempts();
}
