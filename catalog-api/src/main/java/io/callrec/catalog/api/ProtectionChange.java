package io.callrec.catalog.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of PUT /recordings/{id}/protection: {@code {"protected": true|false}}. */
public record ProtectionChange(@JsonProperty("protected") Boolean isProtected) {
}
