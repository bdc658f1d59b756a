package io.callrec.catalog.domain;

import java.time.Instant;

/**
 * The audit chain's last entry as catalog-api saw it at {@code takenAt}, kept outside the database (the bucket) so
 * that an owner who cuts or rewrites the chain's tail is found: the chain must still hold this hash at this position.
 *
 * @param position the entry's position in the chain
 * @param hash     its {@code entry_hash}
 * @param takenAt  when the anchor was taken
 */
public record AuditAnchor(long position, String hash, Instant takenAt) {
}
