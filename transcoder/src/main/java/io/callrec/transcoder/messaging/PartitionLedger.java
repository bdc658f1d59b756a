package io.callrec.transcoder.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * For one partition: which recordings are still open and at which offset each began. The offset that may be
 * committed is the first offset of the oldest open recording (so a restart replays it whole), or the next
 * offset to read when none is open; after a failure the partition is read again from there, so everything open
 * is rebuilt. Used by the consumer thread only.
 */
final class PartitionLedger {
    private final Map<UUID, Long> firstOffsetOfOpen = new HashMap<>();
    private long nextOffset = -1;

    void opened(UUID recordingId, long offset) {
        firstOffsetOfOpen.putIfAbsent(recordingId, offset);
    }

    void closed(UUID recordingId) {
        firstOffsetOfOpen.remove(recordingId);
    }

    boolean isOpen(UUID recordingId) {
        return firstOffsetOfOpen.containsKey(recordingId);
    }

    void read(long offset) {
        nextOffset = Math.max(nextOffset, offset + 1);
    }

    /** Empty until a record was read. */
    OptionalLong committable() {
        if (nextOffset < 0) {
            return OptionalLong.empty();
        }
        long oldestOpen = firstOffsetOfOpen.values().stream().mapToLong(Long::longValue).min().orElse(nextOffset);
        return OptionalLong.of(Math.min(oldestOpen, nextOffset));
    }
}
