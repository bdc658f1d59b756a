package io.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The safety net that fails recordings nobody finished; its schedule is {@code callrec.reconcile.every} (read by
 * {@code @Scheduled}).
 */
@ConfigMapping(prefix = "callrec.reconcile")
public interface ReconcileConfig {
    /** How often the job runs (a Quarkus scheduler duration, e.g. 1m; {@code off} turns it off). */
    @WithDefault("1m")
    String every();

    /**
     * A recording still {@code processing} this long after its call stopped (or its files were uploaded) is failed.
     * The transcoder finishes in seconds, and even a recording whose rtp-ingest died within 90 s.
     */
    @WithDefault("10m")
    Duration processingTimeout();

    /** A recording still {@code recording} this long after its start is failed: its stop was never reported. */
    @WithDefault("12h")
    Duration maxCallLength();
}
