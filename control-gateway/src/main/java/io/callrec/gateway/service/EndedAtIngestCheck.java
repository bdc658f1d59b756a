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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the open recordings (and so the per-device, per-source and total limits) in step with what the ingest
 * instances hold: a recording whose streams an ingest ended on its own (RTP timeout) is ended here too, with the
 * reason the ingest gives, instead of counting until its phone sends a stop that may never come; one with a stream
 * the ingest never heard of (it restarted without it) was lost there. Runs periodically, and at once for an instance that restarted.
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
        vertx.setPeriodic(intervalMillis, id -> openRecordings.ingests().forEach(this::check));
    }

    /** Checks this gateway's streams on one instance now (after it restarted, say). */
    void check(URI instance) {
        Map<UUID, Held> byStream = new HashMap<>();
        for (Held held : openRecordings.on(instance)) {
            held.recording().streams().stream().filter(stream -> stream.ingest().equals(instance)
                            && !held.endedStreams().contains(stream.streamId()))
                    .forEach(stream -> byStream.put(stream.streamId(), held));
        }
        if (byStream.isEmpty()) {
            return;
        }
        ingest.missing(instance, List.copyOf(byStream.keySet())).subscribe().with(missing -> {
            Set<UUID> gone = new HashSet<>(missing);
            gone.forEach(streamId -> endOrLose(instance, streamId, byStream.get(streamId)));
        }, error -> LOG.debugf("rtp-ingest %s did not answer the presence check: %s", instance, error.getMessage()));
    }

    /**
     * The ingest's answer to the end call carries the reason it ended the stream with; an ingest that knows no
     * reason never had it since its last start (it restarted without it): the recording was lost there.
     */
    private void endOrLose(URI instance, UUID streamId, Held held) {
        if (held == null) {
            return;
        }
        ingest.end(instance, streamId, StopReasons.RTP_TIMEOUT).subscribe().with(ending -> {
            if (ending.reason() == null || ending.reason().isEmpty()) {
                recordings.lose(held.recording()).subscribe().with(v -> { });
            } else {
                LOG.infof("Recording %s: stream %s ended by rtp-ingest %s (%s) without a stop from its client",
                        held.recording().recordingId(), streamId, instance, ending.reason());
                recordings.endedAtIngest(held.recording(), streamId, ending.reason()).subscribe().with(v -> { });
            }
        }, error -> LOG.debugf("rtp-ingest %s did not answer the end of %s: %s", instance, streamId,
                error.getMessage()));
    }
}
