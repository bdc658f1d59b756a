package io.callrec.transcoder.audio.timeline;

/**
 * How a {@link CallTimeline} trades memory and latency against tolerance of bad networks.
 *
 * @param reorderWindowPackets packets held back to put reordered arrivals in place; a packet
 *                             arriving after this many later ones is dropped as late. Bounds the
 *                             memory of one timeline (50 packets = 1 s of 20 ms packets)
 * @param maxGapMillis         longest silence inserted for one gap (hold, silence suppression,
 *                             loss, a change of stream); longer gaps are shortened to this, so the
 *                             recording keeps wall-clock time up to this limit
 * @param maxSilenceMillis     most silence inserted in the whole recording (imports: their timestamps are the
 *                             sender's word); {@link #UNBOUNDED} leaves only the bound every timeline has: the
 *                             silence never takes the recording past the time its packets took to arrive
 */
public record TimelineSettings(int reorderWindowPackets, long maxGapMillis, long maxSilenceMillis) {

    public static final long UNBOUNDED = Long.MAX_VALUE;
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
        if (maxSilenceMillis < 0) {
            throw new IllegalArgumentException("maxSilenceMillis must not be negative: " + maxSilenceMillis);
        }
    }

    /** Live recordings: silence bounded by arrival time only. */
    public TimelineSettings(int reorderWindowPackets, long maxGapMillis) {
        this(reorderWindowPackets, maxGapMillis, UNBOUNDED);
    }
}
