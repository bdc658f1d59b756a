package io.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The retention job; its schedule is {@code callrec.retention.every} (read by {@code @Scheduled}). */
@ConfigMapping(prefix = "callrec.retention")
public interface RetentionConfig {
    /** How often the job runs (a Quarkus scheduler duration, e.g. 1h, 15m). */
    @WithDefault("1h")
    String every();

    /** Recordings deleted per transaction. */
    @WithDefault("200")
    int batchSize();
}
