package io.callrec.catalog.service;

import io.callrec.catalog.domain.Recording;
import java.util.List;
import java.util.UUID;

/** What the live view hears: first the calls in progress, then each start, new description and stop. */
public sealed interface LiveUpdate {
    /** The recordings streaming when the caller started following. */
    record Snapshot(List<Recording> recordings) implements LiveUpdate {
    }

    /**
     * A row to add: a recording started (built from its session event), or one in progress that became the
     * follower's by new parties (read from the catalog).
     */
    record Started(Recording recording) implements LiveUpdate {
    }

    /** A recording shown before, with its parties named anew. */
    record Described(Recording recording) implements LiveUpdate {
    }

    record Stopped(UUID id, String reason) implements LiveUpdate {
    }

    /** A recording shown before that this follower may no longer see (its parties changed). */
    record Withdrawn(UUID id) implements LiveUpdate {
    }
}
