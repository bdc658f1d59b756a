package io.callrec.catalog.api;

import io.callrec.contracts.TraceArea;
import java.util.EnumMap;
import java.util.Map;

/** Log levels per area (ERROR, WARN, INFO, DEBUG, TRACE); in a change, a missing area keeps its level. */
public record TraceLevelsView(String recording, String callInformation, String converting, String licensing,
                              String ui) {
    public static TraceLevelsView of(Map<TraceArea, String> levels) {
        return new TraceLevelsView(levels.get(TraceArea.RECORDING), levels.get(TraceArea.CALL_INFORMATION),
                levels.get(TraceArea.CONVERTING), levels.get(TraceArea.LICENSING), levels.get(TraceArea.UI));
    }

    /** The areas this body sets. */
    Map<TraceArea, String> changes() {
        Map<TraceArea, String> changes = new EnumMap<>(TraceArea.class);
        put(changes, TraceArea.RECORDING, recording);
        put(changes, TraceArea.CALL_INFORMATION, callInformation);
        put(changes, TraceArea.CONVERTING, converting);
        put(changes, TraceArea.LICENSING, licensing);
        put(changes, TraceArea.UI, ui);
        return changes;
    }

    private static void put(Map<TraceArea, String> changes, TraceArea area, String level) {
        if (level != null) {
            changes.put(area, level);
        }
    }
}
