package io.callrec.ingest.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** {@link IngestConfig} for components built outside Quarkus: these properties over the defaults. */
public final class StandaloneConfig {
    private StandaloneConfig() {
    }

    public static IngestConfig of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(IngestConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(properties)
                .build().getConfigMapping(IngestConfig.class);
    }
}
