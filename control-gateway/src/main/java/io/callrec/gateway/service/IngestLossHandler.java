package io.callrec.gateway.service;

import io.callrec.gateway.ingest.IngestClient;
import io.callrec.gateway.ingest.IngestLost;
import io.callrec.gateway.ingest.IngestRestarted;
import io.callrec.gateway.service.OpenRecordings.Held;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides which of this gateway's recordings an ingest instance lost: all of them when it stayed unreachable,
 * those it does not hold any more (its presence check) when it restarted. Each is ended as lost, so its phone
 * shows the failure instead of streaming into nothing.
 */
@ApplicationScoped
public class IngestLossHandler {
    private static final Logger LOG = Logger.getLogger(IngestLossHandler.class);

    private final OpenRecordings openRecordings;
    private final RecordingService recordings;
    private final IngestClient ingest;

    public IngestLossHandler(OpenRecordings openRecordings, RecordingService recordings, IngestClient ingest) {
        this.openRecordings = openRecordings;
        this.recordings = recordings;
        this.ingest = ingest;
    }

    void onLost(@Observes IngestLost event) {
        for (Held held : openRecordings.on(event.ingest())) {
            recordings.lose(held.recording()).subscribe().with(v -> { });
        }
    }

    void onRestarted(@Observes IngestRestarted event) {
        List<Held> held = openRecordings.on(event.ingest());
        if (held.isEmpty()) {
            return;
        }
        ingest.missing(event.ingest(), held.stream().map(h -> h.recording().recordingId()).toList())
                .subscribe().with(missing -> {
                    Set<UUID> gone = new HashSet<>(missing);
                    held.stream().filter(h -> gone.contains(h.recording().recordingId()))
                            .forEach(h -> recordings.lose(h.recording()).subscribe().with(v -> { }));
                }, error -> LOG.warnf("rtp-ingest %s restarted, but whether it kept our %d recordings could not"
                        + " be checked (%s); they stay open", event.ingest(), held.size(), error.getMessage()));
    }
}
