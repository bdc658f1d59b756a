package io.callrec.catalog.service;

import java.util.List;
import java.util.UUID;

/** An accepted import: its id and the recordings it will become. */
public record ImportReceipt(UUID importId, List<UUID> recordingIds) {
}
