package io.callrec.catalog.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.catalog.service.CatalogEvent;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Reads the JSON of callrec.sessions and callrec.recordings. A message that is not a valid event can never become
 * one: the caller sets it aside rather than let it hold up the partition.
 */
@ApplicationScoped
public class CatalogEventDecoder {
    private final ObjectMapper json;

    public CatalogEventDecoder(ObjectMapper json) {
        this.json = json;
    }

    public CatalogEvent decode(String topic, byte[] value) throws UndecodableEventException {
        try {
            if (Topics.SESSIONS.equals(topic)) {
                SessionEvent event = json.readValue(value, SessionEvent.class);
                if (event.recordingId() != null
                        && (SessionEvent.STARTED.equals(event.type()) || SessionEvent.STOPPED.equals(event.type())
                                || SessionEvent.DESCRIBED.equals(event.type()))) {
                    return new CatalogEvent.Session(event);
                }
            } else if (Topics.RECORDINGS.equals(topic)) {
                RecordingEvent event = json.readValue(value, RecordingEvent.class);
                if (event.recordingId() != null
                        && (RecordingEvent.STORED.equals(event.type()) || RecordingEvent.FAILED.equals(event.type()))) {
                    return new CatalogEvent.Outcome(event);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException("not valid JSON for " + topic + ": " + e.getMessage());
        }
        throw new UndecodableEventException("not a known event type of " + topic + ", or no recording id");
    }
}
