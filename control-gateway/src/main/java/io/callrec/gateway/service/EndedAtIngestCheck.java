package io.callrec.gateway.service;

import io.callrec.contracts.StopReasons;
import io.callrec.gateway.config.GatewayConfig;
import io.callrec.gateway.service.ingest.IngestClient;
import io.callrec.gateway.service.OpenRecordings.Held;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the open recordings (and so the per-device, per-source and total limits) in step with what the ingest
 * instances hold: a recording an ingest ended on its own (RTP timeout) is ended here too, with the reason the
 * ingest gives, instead of counting until its phone sends a stop that may never come; one the ingest never heard
 * of (it restarted without it) was lost there. Runs periodically, and at once for an instance that restarted.
 */
@ApplicationScoped
public class EndedAtIngestCheck {
    private static final Logger LOG = Logger.getLogger(EndedAtIngestCheck.class);

    private final Vertx vertx;
    private final OpenRecordings openRecordings;
    private final RecordingService recordings;
    private final IngestClient ingest;
    private final long intervalMillis;

    public EndedAtIngestCheck(Vertx vertx, OpenRecordings openRecordings, RecordingService recordings,
                              IngestClient ingest, GatewayConfig config) {
        this.vertx = vertx;
        this.openRecordings = openRecordings;
        this.recordings = recordings;
        this.ingest = ingest;
        this.intervalMillis = config.ingest().presenceInterval().toMillis();
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(intervalMillis, id -> openRecordings.byIngest().forEach(this::check));
    }

    /** Checks this gateway's recordings on one instance now (after it restarted, say). */
    void check(URI instance) {
        List<Held> held = openRecordings.on(instance);
        if (!held.isEmpty()) {
            check(instance, held);
        }
    }

    private void check(URI instance, List<Held> held) {
        ingest.missing(instance, held.stream().map(h -> h.recording().recordingId()).toList())
                .subscribe().with(missing -> {
                    Set<UUID> gone = new HashSet<>(missing);
                    held.stream().filter(h -> gone.contains(h.recording().recordingId()))
                            .forEach(h -> endOrLose(instance, h));
                }, error -> LOG.debugf("rtp-ingest %s did not answer the presence check: %s", instance,
                        error.getMessage()));
    }

    /**
     * The ingest's answer to the end call carries the reason it ended the recording with; an ingest that knows
     * no reason never had it since its last start (it restarted without it): the recording was lost there.
     */
    private void endOrLose(URI instance, Held held) {
        ingest.end(instance, held.recording().recordingId(), StopReasons.RTP_TIMEOUT).subscribe().with(ending -> {
            if (ending.reason() == null || ending.reason().isEmpty()) {
                recordings.lose(held.recording()).subscribe().with(v -> { });
            } else {
                LOG.infof("Recording %s: ended by rtp-ingest %s (%s) without a stop from its phone",
                        held.recording().recordingId(), instance, ending.reason());
                recordings.endedAtIngest(held.recording(), ending.reason()).subscribe().with(v -> { });
            }
        }, error -> LOG.debugf("rtp-ingest %s did not answer the end of %s: %s", instance,
                held.recording().recordingId(), error.getMessage()));
    }
}
