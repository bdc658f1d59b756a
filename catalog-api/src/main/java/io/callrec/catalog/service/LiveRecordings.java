package io.callrec.catalog.service;

import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.security.AccessScope;
import io.callrec.contracts.SessionEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Recordings in progress, as they start and stop: the session events every catalog replica hears (not only its
 * indexing partitions) fanned out to each follower, after a snapshot from the catalog.
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
     * The snapshot, then the starts and stops the caller may see. Events heard while the snapshot is read are
     * held back and sent after it, so none falls between the two.
     */
    public Multi<LiveUpdate> follow(AccessScope scope) {
        return Multi.createFrom().<LiveUpdate>emitter(emitter -> new Follower(scope, emitter).start())
                .onOverflow().buffer(MAX_BEHIND);
    }

    /** One follower's stream: what it was shown decides which stops concern it. */
    private final class Follower {
        private final AccessScope scope;
        private final MultiEmitter<? super LiveUpdate> emitter;
        private final Set<UUID> shown = new HashSet<>();
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
            recordings.forEach(recording -> shown.add(recording.id));
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
                    shown.add(started.id);
                    emitter.emit(new LiveUpdate.Started(started));
                }
            } else if (SessionEvent.STOPPED.equals(event.type())
                    && (shown.remove(event.recordingId()) || scope.admin())) {
                emitter.emit(new LiveUpdate.Stopped(event.recordingId(), event.reason()));
            }
        }
    }
}
