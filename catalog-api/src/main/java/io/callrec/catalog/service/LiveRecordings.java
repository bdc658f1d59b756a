package io.callrec.catalog.service;

import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.service.access.AccessScope;
import io.callrec.contracts.SessionEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
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
     * The snapshot, then the starts, new descriptions and stops the caller may see, and the calls that become the
     * caller's by new parties. Events heard while the snapshot is read are held back and sent after it, so none
     * falls between the two.
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
        /** Events heard while the catalog is read (the snapshot, or a row), sent after it in order. */
        private final Queue<SessionEvent> heldBack = new ArrayDeque<>();
        private boolean reading = true;

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
            sendHeldBack();
        }

        private synchronized void heard(SessionEvent event) {
            if (reading) {
                heldBack.add(event);
            } else {
                send(event);
            }
        }

        /** In order, until one makes the follower read the catalog again: the rest then wait for that read. */
        private void sendHeldBack() {
            reading = false;
            while (!reading && !heldBack.isEmpty()) {
                send(heldBack.remove());
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
         * call (her extension was one of the old parties), or is added for a user whose call it becomes.
         */
        private void described(SessionEvent event) {
            Recording recording = shown.get(event.recordingId());
            if (recording == null) {
                becameVisible(event);
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

        /**
         * A call the follower was not shown, whose new parties it may see: the event names only the parties, so
         * the rest of the row is read from the catalog. Events heard meanwhile are held back, so that the call's
         * stop cannot overtake its row. The catalog is read on a Vert.x context, as Hibernate Reactive requires:
         * the feed's thread has none.
         */
        private void becameVisible(SessionEvent event) {
            Recording parties = Recording.fromNetwork(event.recordingId());
            parties.applyDescribed(event);
            if (!scope.permits(parties)) {
                return;
            }
            reading = true;
            VertxContextSupport.subscribe(() -> search.inProgress(event.recordingId()).map(Optional::ofNullable)
                    .toMulti(), read -> read.with(found -> add(found.orElse(parties), event), emitter::fail));
        }

        /**
         * The catalog's row with the new parties; without one (its start is not indexed yet, or its stop already
         * is and follows here) the row has the parties only.
         */
        private synchronized void add(Recording recording, SessionEvent described) {
            recording.applyDescribed(described);
            shown.put(recording.id, recording);
            emitter.emit(new LiveUpdate.Started(recording));
            sendHeldBack();
        }
    }
}
