package io.callrec.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * An open recording, the connection (or SIPREC session) it belongs to, and the ids of its streams their ingest
     * has already ended on its own (an RTP timeout on one channel; the recording goes on with the others).
     */
    public record Held(OpenRecording recording, RecordingOwner owner, Set<UUID> endedStreams) {
    }

    void add(OpenRecording recording, RecordingOwner owner) {
        byId.put(recording.recordingId(), new Held(recording, owner, ConcurrentHashMap.newKeySet()));
    }

    Optional<Held> get(UUID recordingId) {
        return Optional.ofNullable(byId.get(recordingId));
    }

    /** Takes the recording out; empty when it had already been taken (somebody else is ending it). */
    Optional<Held> remove(UUID recordingId) {
        return Optional.ofNullable(byId.remove(recordingId));
    }

    /** The ingest instances that hold a stream of an open recording. */
    Set<URI> ingests() {
        return byId.values().stream().flatMap(held -> held.recording().streams().stream())
                .map(RecordingStream::ingest).collect(Collectors.toSet());
    }

    /** The recordings with a stream on one ingest instance. */
    List<Held> on(URI ingest) {
        return byId.values().stream().filter(held -> held.recording().streams().stream()
                .anyMatch(stream -> stream.ingest().equals(ingest))).toList();
    }
}
