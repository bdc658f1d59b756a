package io.callrec.transcoder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** transcoder settings ({@code callrec.transcoder.*}). */
@ConfigMapping(prefix = "callrec.transcoder")
public interface TranscoderConfig {

    /** Local folder where recordings are assembled before upload; its size bounds nothing but disk. */
    @WithDefault("${java.io.tmpdir}/callrec-spool")
    Path spoolDir();

    /** Packets held to put late ones in place (50 = 1 s of 20 ms packets). */
    @WithDefault("50")
    int reorderWindowPackets();

    /** A timestamp jump (hold, silence suppression) becomes silence up to this long. */
    @WithDefault("60s")
    Duration maxGap();

    /** Wait before retrying after the object store, Kafka or the spool disk failed. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** Kafka consumer group of the frame consumer. */
    @WithDefault("callrec-transcoder")
    String consumerGroup();
}
