package io.callrec.catalog.support;

import static io.callrec.catalog.support.Api.awaitStatus;

import io.callrec.contracts.ObjectKeys;
import java.time.Instant;
import java.util.UUID;

/** Recordings of alice's device (see the %test users), available with a short WAV in the bucket. */
public final class AliceRecordings {
    private AliceRecordings() {
    }

    /** Waits until the admin sees it available (HTTP Basic). */
    public static UUID available(Instant start) {
        UUID id = publishAvailable(start);
        awaitStatus(id, "available");
        return id;
    }

    /** Publishes the events that make it available, without waiting. */
    public static UUID publishAvailable(Instant start) {
        return publishAvailable(start, "200");
    }

    /** The same, a call with that remote number (to find it among the others). */
    public static UUID publishAvailable(Instant start, String remoteNumber) {
        UUID id = UUID.randomUUID();
        String key = ObjectKeys.recording(id, start);
        Bucket.put(key, Wav.tone(100));
        Events.publish(Events.started(id, "0c:38:3e:00:00:01", "1001", "Alice", remoteNumber, "Bob", "in", start));
        Events.publish(Events.stored(id, key, 244, start.plusSeconds(1)));
        return id;
    }
}
