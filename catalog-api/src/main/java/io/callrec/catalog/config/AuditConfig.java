package io.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit of audio reads, and the audit anchor's schedule. */
@ConfigMapping(prefix = "callrec.audit")
public interface AuditConfig {
    /**
     * A player asks for many ranges while it plays: reads of one recording by one person, of one kind (listen or
     * download), are written once per window.
     */
    @WithDefault("5m")
    Duration readWindow();

    /**
     * How often the audit anchor (the chain's last position and hash, in the bucket) moves to the chain's end; a cut
     * tail is found when it reaches past the last anchor. Read by {@code @Scheduled} ({@code off} turns it off).
     */
    @WithDefault("1m")
    String anchorEvery();
}
