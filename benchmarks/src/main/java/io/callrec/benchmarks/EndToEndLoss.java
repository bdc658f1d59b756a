package io.callrec.benchmarks;

import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.catalog.CatalogClient;
import io.callrec.simulator.catalog.CatalogRecording;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Packets lost end to end, exactly: per call, the packets the simulator sent against the packets the catalog says
 * its recording received (the transcoder's count of distinct packets placed in the timeline).
 *
 * @param lost    packets sent but not in the recording, summed over the calls
 * @param lossy   the recordings missing at least one packet
 * @param missing successful calls without an available recording
 */
record EndToEndLoss(long lost, List<LossyRecording> lossy, int missing) {
    private static final int PAGE_SIZE = 200;

    /** A recording that misses packets: how many its call sent, how many it has. */
    record LossyRecording(UUID recordingId, long sent, long inRecording) {
    }

    EndToEndLoss {
        lossy = List.copyOf(lossy);
    }

    boolean none() {
        return lost == 0 && missing == 0;
    }

    /** Lists the run's available recordings (their names carry {@code runTag}) and compares each with its call. */
    static EndToEndLoss measure(CatalogClient catalog, String runTag, List<SentCall> calls)
            throws IOException, InterruptedException {
        Map<String, CatalogRecording> byCall = new HashMap<>();
        for (int page = 0; ; page++) {
            List<CatalogRecording> listing = catalog.availableRecordings(runTag, null, page, PAGE_SIZE);
            listing.forEach(recording -> byCall.put(key(recording.sessionId(), recording.device()), recording));
            if (listing.size() < PAGE_SIZE) {
                break;
            }
        }
        long lost = 0;
        List<LossyRecording> lossy = new ArrayList<>();
        int missing = 0;
        for (SentCall call : calls) {
            if (!call.succeeded()) {
                continue;
            }
            CatalogRecording recording = byCall.get(key(call.plan().sessionId(), call.plan().device()));
            if (recording == null || recording.packetsReceived() == CatalogRecording.MISSING) {
                missing++;
                continue;
            }
            long sent = call.stats().deliveredPackets();
            if (sent > recording.packetsReceived()) {
                lost += sent - recording.packetsReceived();
                lossy.add(new LossyRecording(UUID.fromString(recording.id()), sent, recording.packetsReceived()));
            }
        }
        return new EndToEndLoss(lost, lossy, missing);
    }

    private static String key(String sessionId, String device) {
        return sessionId + "@" + device;
    }
}
