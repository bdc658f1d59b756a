package io.callrec.transcoder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

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

    /**
     * Most silence one import may contain in all (timestamp jumps, lost packets, a capture's lead-in): an
     * uploaded file's timestamps are the uploader's word, and silence costs output but no input.
     */
    @WithDefault("10m")
    Duration importMaxSilence();

    /** Wait before retrying after the object store, Kafka or the spool disk failed. */
    @WithDefault("2s")
    Duration retryBackoff();

    /**
     * Threads that finish recordings (hash, upload, announce) side by side. Unset: 16 per available processor,
     * because each mostly waits on the object store and Kafka: a recording took about 100 ms of waiting for 3 ms of
     * its thread's CPU when 1,000 calls stopped together, and 4 per processor left the finished WAVs queueing for a
     * thread while the cores still had time.
     */
    OptionalInt finishers();

    /**
     * Finished WAVs waiting for a finisher thread; when this many wait, the frame consumer waits too (nothing is
     * dropped, the WAVs stay on the spool disk meanwhile).
     */
    @WithDefault("1000")
    int finishQueue();

    /** Kafka consumer group of the frame consumer. */
    @WithDefault("callrec-transcoder")
    String consumerGroup();

    /**
     * A recording whose last frame batch is older than this, while its partition is caught up, lost its rtp-ingest
     * (no end of stream will ever come): it is finished with what it has, stop reason {@code ingest-lost}. Must
     * exceed rtp-ingest's RTP timeout (60 s) with room for batching: a live ingest always ends a silent stream
     * itself before this, so only a dead one is judged lost.
     */
    @WithDefault("90s")
    Duration ingestLostAfter();

    /**
     * An import that fails this many times in a row (object store outages aside: those are waited out) ends as a
     * failed recording and a dead letter, so that it never blocks the imports behind it.
     */
    @WithDefault("5")
    int importMaxAttempts();
}
