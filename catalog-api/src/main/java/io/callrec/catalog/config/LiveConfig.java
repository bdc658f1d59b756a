package io.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The live view's server-sent events. */
@ConfigMapping(prefix = "callrec.live")
public interface LiveConfig {
    /** A comment line this often keeps proxies from closing a quiet stream. */
    @WithDefault("15s")
    Duration heartbeat();
}
