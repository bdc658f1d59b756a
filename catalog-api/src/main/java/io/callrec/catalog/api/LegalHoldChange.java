package io.callrec.catalog.api;

/** Body of PUT /recordings/{id}/legal-hold: {@code {"held": true|false}}. */
public record LegalHoldChange(Boolean held) {
}
