package io.callrec.catalog.service;

import io.callrec.catalog.domain.Recording;
import io.callrec.contracts.RecordingEvent;
import io.callrec.contracts.SessionEvent;
import java.time.Instant;
import java.util.UUID;

/** An event the catalog indexes, whichever topic it came from. */
public sealed interface CatalogEvent {
    UUID recordingId();

    /** {@code indexedAt}: when this batch of events is written. */
    void applyTo(Recording recording, Instant indexedAt);

    /** From callrec.sessions. */
    record Session(SessionEvent event) implements CatalogEvent {
        @Override
        public UUID recordingId() {
            return event.recordingId();
        }

        @Override
        public void applyTo(Recording recording, Instant indexedAt) {
            if (SessionEvent.STARTED.equals(event.type())) {
                recording.applyStarted(event);
            } else if (SessionEvent.DESCRIBED.equals(event.type())) {
                recording.applyDescribed(event);
            } else {
                recording.applyStopped(event);
            }
        }
    }

    /** From callrec.recordings. */
    record Outcome(RecordingEvent event) implements CatalogEvent {
        @Override
        public UUID recordingId() {
            return event.recordingId();
        }

        @Override
        public void applyTo(Recording recording, Instant indexedAt) {
            if (RecordingEvent.STORED.equals(event.type())) {
                recording.applyStored(event, indexedAt);
            } else {
                recording.applyFailed(event);
            }
        }
    }
}
