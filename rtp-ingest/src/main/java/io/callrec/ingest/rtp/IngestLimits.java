package io.callrec.ingest.rtp;

import io.callrec.ingest.config.IngestConfig;
import java.time.Duration;

/** The per-recording limits, read once from config into plain fields (they are read per packet). */
public record IngestLimits(int batchMaxFrames, long batchMaxDelayNanos, long rtpTimeoutNanos, long holdTimeoutNanos,
                           long drainGraceNanos, long drainMaxNanos, long sourcePortChangeNanos) {
    public IngestLimits {
        // A drain cut at drain-max before its grace is over would never send its marker: every drain would be cut.
        if (drainGraceNanos >= drainMaxNanos) {
            throw new IllegalArgumentException("callrec.ingest.drain-grace (" + Duration.ofNanos(drainGraceNanos)
                    + ") must be shorter than callrec.ingest.drain-max (" + Duration.ofNanos(drainMaxNanos) + ")");
        }
    }

    public static IngestLimits from(IngestConfig config) {
        return new IngestLimits(config.batchMaxFrames(), config.batchMaxDelay().toNanos(),
                config.rtpTimeout().toNanos(), config.holdTimeout().toNanos(), config.drainGrace().toNanos(),
                config.drainMax().toNanos(), config.sourcePortChangeAfter().toNanos());
    }
}
