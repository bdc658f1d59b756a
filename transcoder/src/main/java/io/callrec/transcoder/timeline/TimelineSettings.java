package io.callrec.transcoder.timeline;

/**
 * How a {@link CallTimeline} trades memory and latency against tolerance of bad networks.
 *
 * @param reorderWindowPackets packets held back to put reordered arrivals in place; a packet
 *                             arriving after this many later ones is dropped as late. Bounds the
 *                             memory of one timeline (50 packets = 1 s of 20 ms packets)
 * @param maxGapMillis         longest silence inserted for one gap (hold, silence suppression,
 *                             loss, a change of stream); longer gaps are shortened to this, so the
 *                             recording keeps wall-clock time up to this limit
 */
public record TimelineSettings(int reorderWindowPackets, long maxGapMillis) {

    public static final TimelineSettings DEFAULTS = new TimelineSettings(50, 60_000);

    private static final int MAX_REORDER_WINDOW = 10_000;
    private static final long DAY_MILLIS = 86_400_000;

    public TimelineSettings {
        if (reorderWindowPackets < 0 || reorderWindowPackets > MAX_REORDER_WINDOW) {
            throw new IllegalArgumentException("reorderWindowPackets must be between 0 and " + MAX_REORDER_WINDOW
                    + ": " + reorderWindowPackets);
        }
        if (maxGapMillis < 0 || maxGapMillis > DAY_MILLIS) {
            throw new IllegalArgumentException("maxGapMillis must be between 0 and one day: " + maxGapMillis);
        }
    }
}
