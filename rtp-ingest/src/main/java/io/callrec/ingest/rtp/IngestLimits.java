package io.callrec.ingest.rtp;

import io.callrec.ingest.config.IngestConfig;

/** The per-recording limits, read once from config into plain fields (they are read per packet). */
public record IngestLimits(int batchMaxFrames, long batchMaxDelayNanos, long rtpTimeoutNanos, long holdTimeoutNanos,
                           long drainGraceNanos, long drainMaxNanos, long sourcePortChangeNanos) {
    public static IngestLimits from(IngestConfig config) {
        return new IngestLimits(config.batchMaxFrames(), config.batchMaxDelay().toNanos(),
                config.rtpTimeout().toNanos(), config.holdTimeout().toNanos(), config.drainGrace().toNanos(), config.drainMax().toNanos(),
                config.sourcePortChangeAfter().toNanos());
    }
}
