package io.callrec.contracts;

import java.util.Map;
import java.util.Set;

/**
 * Kafka topic names. Every event topic is keyed by the recording id, so one recording stays in one partition, in
 * order.
 */
public final class Topics {
    /** Session started / stopped, JSON {@link SessionEvent}; produced by control-gateway. */
    public static final String SESSIONS = "callrec.sessions";
    /** Binary frame batches ({@link FrameBatchCodec}); produced by rtp-ingest. */
    public static final String FRAMES = "callrec.frames";
    /** Recording stored / failed, JSON {@link RecordingEvent}; produced by the transcoder. */
    public static final String RECORDINGS = "callrec.recordings";
    /** Files to import (phone USB files, PCAP uploads), JSON {@link ImportRequest}; produced by catalog-api. */
    public static final String IMPORTS = "callrec.imports";
    /** Records a consumer could not process, with why, JSON {@link DeadLetter}; produced by every consumer. */
    public static final String DEAD_LETTER = "callrec.deadletter";
    /** Every area's log level, JSON {@link TraceLevels} under one key; produced by catalog-api, read by all. */
    public static final String TRACE_LEVELS = "callrec.trace-levels";

    /**
     * Default partition counts, used where callrec creates the topics itself. Frames get the most:
     * the transcoder scales out up to this count.
     */
    public static final Map<String, Integer> DEFAULT_PARTITIONS = Map.of(
            SESSIONS, 4,
            FRAMES, 8,
            RECORDINGS, 4,
            IMPORTS, 2,
            DEAD_LETTER, 1,
            TRACE_LEVELS, 1);

    /** Topics whose latest record per key is all that matters: compacted, never deleted by age. */
    public static final Set<String> COMPACTED = Set.of(TRACE_LEVELS);

    /** The topic settings callrec creates {@code topic} with (Kafka's names), beyond its partitions. */
    public static Map<String, String> configs(String topic) {
        return COMPACTED.contains(topic) ? Map.of("cleanup.policy", "compact") : Map.of();
    }

    private Topics() {
    }
}
