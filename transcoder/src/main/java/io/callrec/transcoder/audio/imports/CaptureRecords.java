package io.callrec.transcoder.audio.imports;

import java.io.IOException;

/** The packet records of one capture file format. */
interface CaptureRecords {

    /**
     * Reads the next packet into {@code packet}; false at the end of the capture, or where it is
     * truncated or corrupt (with a warning added).
     */
    boolean next(CapturedPacket packet) throws IOException;
}
