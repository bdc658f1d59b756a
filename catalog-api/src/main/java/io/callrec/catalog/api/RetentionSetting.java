package io.callrec.catalog.api;

/** {@code {"days": N}}: unprotected recordings older than N days are deleted; 0 keeps them for ever. */
public record RetentionSetting(Integer days) {
}
