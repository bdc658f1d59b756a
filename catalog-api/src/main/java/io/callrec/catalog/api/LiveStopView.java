package io.callrec.catalog.api;

import java.util.UUID;

/** A recording that stopped, and why (e.g. {@code normal}, {@code socket-error}). */
public record LiveStopView(UUID id, String reason) {
}
