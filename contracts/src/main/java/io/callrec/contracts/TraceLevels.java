package io.callrec.contracts;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every area's log level, JSON on {@link Topics#TRACE_LEVELS} under the key {@link #KEY}: the catalog publishes
 * the whole set on every change and at start-up; the compacted topic keeps the last one for services that start
 * later.
 *
 * @param levels level by {@link TraceArea#wireName()}, one of {@link #NAMES}
 */
public record TraceLevels(Map<String, String> levels) {
    /** The levels an admin may choose, most severe first. */
    public static final List<String> NAMES = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
    /** The one key: compaction keeps only the latest set. */
    public static final String KEY = "trace-levels";

    public static TraceLevels of(Map<TraceArea, String> levels) {
        Map<String, String> byWireName = new TreeMap<>();
        levels.forEach((area, level) -> byWireName.put(area.wireName(), level));
        return new TraceLevels(byWireName);
    }
}
