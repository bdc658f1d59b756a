package io.callrec.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every recording this gateway started and has not ended yet, with its owner. Ending one starts with
 * {@link #remove}: whichever path removes it (the phone's stop, its connection closing, the loss of its ingest)
 * is the one that ends it, and the others leave it alone.
 */
@ApplicationScoped
public class OpenRecordings {
    private final Map<UUID, Held> byId = new ConcurrentHashMap<>();

    /** An open recording and the connection it belongs to. */
    public record Held(OpenRecording recording, RecordingOwner owner) {
    }

    void add(OpenRecording recording, RecordingOwner owner) {
        byId.put(recording.recordingId(), new Held(recording, owner));
    }

    /** Takes the recording out; empty when it had already been taken (somebody else is ending it). */
    Optional<Held> remove(UUID recordingId) {
        return Optional.ofNullable(byId.remove(recordingId));
    }

    /** The open recordings, per ingest instance that holds them. */
    Map<URI, List<Held>> byIngest() {
        return byId.values().stream().collect(Collectors.groupingBy(held -> held.recording().ingest()));
    }

    /** The recordings held on one ingest instance. */
    List<Held> on(URI ingest) {
        return byId.values().stream().filter(held -> held.recording().ingest().equals(ingest)).toList();
    }
}
