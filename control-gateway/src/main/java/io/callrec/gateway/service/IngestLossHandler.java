package io.callrec.gateway.service;

import io.callrec.gateway.service.ingest.IngestLost;
import io.callrec.gateway.service.ingest.IngestRestarted;
import io.callrec.gateway.service.OpenRecordings.Held;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Decides which of this gateway's recordings an ingest instance lost: all of them when it stayed unreachable,
 * those it does not hold any more (its presence check) when it restarted. Each is ended as lost, so its phone
 * shows the failure instead of streaming into nothing.
 */
@ApplicationScoped
public class IngestLossHandler {
    private final OpenRecordings openRecordings;
    private final RecordingService recordings;
    private final EndedAtIngestCheck presence;

    public IngestLossHandler(OpenRecordings openRecordings, RecordingService recordings, EndedAtIngestCheck presence) {
        this.openRecordings = openRecordings;
        this.recordings = recordings;
        this.presence = presence;
    }

    void onLost(@Observes IngestLost event) {
        for (Held held : openRecordings.on(event.ingest())) {
            recordings.lose(held.recording()).subscribe().with(v -> { });
        }
    }

    /** A restarted instance is checked at once rather than at the next periodic check. */
    void onRestarted(@Observes IngestRestarted event) {
        presence.check(event.ingest());
    }
}
