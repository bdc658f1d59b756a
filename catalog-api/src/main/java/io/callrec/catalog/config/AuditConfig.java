package io.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit of audio reads. */
@ConfigMapping(prefix = "callrec.audit")
public interface AuditConfig {
    /**
     * A player asks for many ranges while it plays: reads of one recording by one person, of one kind (listen or
     * download), are written once per window.
     */
    @WithDefault("5m")
    Duration readWindow();
}
