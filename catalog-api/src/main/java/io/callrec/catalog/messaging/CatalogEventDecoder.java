package io.callrec.catalog.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.catalog.service.CatalogEvent;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads the JSON of callrec.sessions and callrec.recordings. A message that is not a valid event is logged and
 * skipped: it can never become valid, and it must not hold up the partition.
 */
@ApplicationScoped
public class CatalogEventDecoder {
    private static final Logger LOG = Logger.getLogger(CatalogEventDecoder.class);

    private final ObjectMapper json;

    public CatalogEventDecoder(ObjectMapper json) {
        this.json = json;
    }

    public Optional<CatalogEvent> decode(String topic, String key, byte[] value) {
        try {
            if (Topics.SESSIONS.equals(topic)) {
                SessionEvent event = json.readValue(value, SessionEvent.class);
                if (event.recordingId() != null
                        && (SessionEvent.STARTED.equals(event.type()) || SessionEvent.STOPPED.equals(event.type()))) {
                    return Optional.of(new CatalogEvent.Session(event));
                }
            } else if (Topics.RECORDINGS.equals(topic)) {
                RecordingEvent event = json.readValue(value, RecordingEvent.class);
                if (event.recordingId() != null
                        && (RecordingEvent.STORED.equals(event.type()) || RecordingEvent.FAILED.equals(event.type()))) {
                    return Optional.of(new CatalogEvent.Outcome(event));
                }
            }
            LOG.warnf("Skipping a message on %s (key %s): not a known event type or no recording id", topic, key);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Skipping a message on %s (key %s) that is not valid JSON for its topic: %s", topic, key,
                    e.getMessage());
        }
        return Optional.empty();
    }
}
