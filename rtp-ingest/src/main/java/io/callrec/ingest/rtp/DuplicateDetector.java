package io.callrec.ingest.rtp;

/**
 * Remembers which of the last 64 sequence numbers of the current SSRC were seen, to count duplicates
 * (the transcoder removes them; this count is for the operator). A new SSRC starts afresh.
 */
final class DuplicateDetector {
    private static final int WINDOW = 64;

    private long ssrc = -1;
    private int highest = -1;
    private long seen; // bit i set: sequence (highest - i) was seen

    /** True when this (SSRC, sequence) was seen within the window. */
    boolean isDuplicate(long packetSsrc, int sequence) {
        if (packetSsrc != ssrc || highest < 0) {
            ssrc = packetSsrc;
            highest = sequence;
            seen = 1;
            return false;
        }
        int ahead = (short) (sequence - highest); // signed 16-bit distance handles the wrap
        if (ahead > 0) {
            seen = ahead >= WINDOW ? 1 : (seen << ahead) | 1;
            highest = sequence;
            return false;
        }
        int behind = -ahead;
        if (behind >= WINDOW) {
            return false; // too old to tell; the transcoder still de-duplicates
        }
        long bit = 1L << behind;
        boolean duplicate = (seen & bit) != 0;
        seen |= bit;
        return duplicate;
    }
}
