package io.callrec.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request to convert uploaded files into one recording, on {@code callrec.imports} (JSON), keyed by the
 * recording id. The raw files are already in the bucket under {@code objectKeys}, in order.
 *
 * @param recordingId the recording to produce
 * @param kind        {@link #USB} (phone USB files, one call possibly rolled over several files) or {@link #PCAP}
 * @param objectKeys  the raw files
 * @param fileNames   the files' names as uploaded, same order (metadata only: USB rollover files are put in order
 *                    by the time in their names); never used as a key or path
 * @param startedAt   the recording's start time (fixes its object key)
 */
public record ImportRequest(UUID recordingId, String kind, List<String> objectKeys, List<String> fileNames,
                            Instant startedAt) {
    public static final String USB = "usb";
    public static final String PCAP = "pcap";
}
