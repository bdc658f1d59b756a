package io.callrec.catalog.api;

import java.util.UUID;

/** A recording in progress that the follower may no longer see. */
public record LiveWithdrawnView(UUID id) {
}
