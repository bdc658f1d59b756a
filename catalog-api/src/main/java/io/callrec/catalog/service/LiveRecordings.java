package io.callrec.catalog.service;

import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.service.access.AccessScope;
import io.callrec.contracts.SessionEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Recordings in progress, as they start, are described and stop: the session events every catalog replica hears
 * (not only its indexing partitions) fanned out to each follower, after a snapshot from the catalog.
 */
@ApplicationScoped
public class LiveRecordings {
    /** Updates a follower may fall behind by; beyond it the stream ends and the client reconnects afresh. */
    static final int MAX_BEHIND = 1024;

    private final RecordingSearch search;
    private final BroadcastProcessor<SessionEvent> sessions = BroadcastProcessor.create();

    public LiveRecordings(RecordingSearch search) {
        this.search = search;
    }

    /** Called with every session event, in order, from one thread. */
    public void publish(SessionEvent event) {
        sessions.onNext(event);
    }

    /**
     * The snapshot, then the starts, new descriptions and stops the caller may see. Events heard while the snapshot is read are
     * held back and sent after it, so none falls between the two.
     */
    public Multi<LiveUpdate> follow(AccessScope scope) {
        return Multi.createFrom().<LiveUpdate>emitter(emitter -> new Follower(scope, emitter).start())
                .onOverflow().buffer(MAX_BEHIND);
    }

    /** One follower's stream: what it was shown decides which descriptions and stops concern it. */
    private final class Follower {
        private final AccessScope scope;
        private final MultiEmitter<? super LiveUpdate> emitter;
        /** The follower's own copies, so that a new description can be checked against its scope. */
        private final Map<UUID, Recording> shown = new HashMap<>();
        private List<SessionEvent> heldBack = new ArrayList<>();

        Follower(AccessScope scope, MultiEmitter<? super LiveUpdate> emitter) {
            this.scope = scope;
            this.emitter = emitter;
        }

        void start() {
            Cancellable events = sessions.subscribe().with(this::heard, emitter::fail);
            emitter.onTermination(events::cancel);
            search.inProgress(scope).subscribe().with(this::snapshot, emitter::fail);
        }

        private synchronized void snapshot(List<Recording> recordings) {
            recordings.forEach(recording -> shown.put(recording.id, recording));
            emitter.emit(new LiveUpdate.Snapshot(recordings));
            heldBack.forEach(this::send);
            heldBack = null;
        }

        private synchronized void heard(SessionEvent event) {
            if (heldBack != null) {
                heldBack.add(event);
            } else {
                send(event);
            }
        }

        private void send(SessionEvent event) {
            if (SessionEvent.STARTED.equals(event.type())) {
                Recording started = Recording.fromNetwork(event.recordingId());
                started.applyStarted(event);
                if (scope.permits(started)) {
                    shown.put(started.id, started);
                    emitter.emit(new LiveUpdate.Started(started));
                }
            } else if (SessionEvent.DESCRIBED.equals(event.type())) {
                described(event);
            } else if (SessionEvent.STOPPED.equals(event.type())
                    && (shown.remove(event.recordingId()) != null || scope.admin())) {
                emitter.emit(new LiveUpdate.Stopped(event.recordingId(), event.reason()));
            }
        }

        /**
         * New parties (a transfer, SIPREC metadata): the row changes, or leaves a user who may no longer see the
         * call (her extension was one of the old parties). A call that becomes hers this way shows from her next
         * snapshot: the event names only the parties, not the rest of the row.
         */
        private void described(SessionEvent event) {
            Recording recording = shown.get(event.recordingId());
            if (recording == null) {
                return;
            }
            recording.applyDescribed(event);
            if (scope.permits(recording)) {
                emitter.emit(new LiveUpdate.Described(recording));
            } else {
                shown.remove(recording.id);
                emitter.emit(new LiveUpdate.Withdrawn(recording.id));
            }
        }
    }
}
