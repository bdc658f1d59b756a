package io.callrec.ingest.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.contracts.Codec;
import io.callrec.contracts.ingest.RecordingChannel;
import io.callrec.contracts.ingest.SourceLatch;
import io.callrec.ingest.config.IngestConfig;
import io.callrec.ingest.config.StandaloneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingJournalTest {
    @TempDir
    Path stateDir;

    @Test
    void keepsTheLatestEntryOfEachRecordingUntilRemoved() {
        RecordingJournal journal = new RecordingJournal(config(stateDir));
        JournalEntry first = entry(UUID.randomUUID());
        JournalEntry second = entry(UUID.randomUUID());
        journal.save(first);
        journal.save(second);
        journal.save(first.reservedUpTo(128).endedWith("normal"));
        journal.remove(second.recordingId());

        assertThat(new RecordingJournal(config(stateDir)).entries())
                .containsExactly(first.reservedUpTo(128).endedWith("normal"));
    }

    @Test
    void aWriteCutShortLeavesThePreviousEntryAndAnUnreadableOneIsSetAside() throws Exception {
        RecordingJournal journal = new RecordingJournal(config(stateDir));
        JournalEntry entry = entry(UUID.randomUUID());
        journal.save(entry);
        Files.writeString(stateDir.resolve(entry.recordingId() + ".json.tmp"), "{\"recordingId\":");
        Files.writeString(stateDir.resolve(UUID.randomUUID() + ".json"), "not json");

        assertThat(journal.entries()).containsExactly(entry);
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .hasSize(2).anyMatch(name -> name.endsWith(".json.unreadable"));
        }
    }

    @Test
    void aStreamsChannelAndHoldAreKeptAndOlderEntriesReadAsMono() throws Exception {
        RecordingJournal journal = new RecordingJournal(config(stateDir));
        UUID recording = UUID.randomUUID();
        JournalEntry channel = new JournalEntry(UUID.randomUUID(), Codec.PCMU, 40_002, "127.0.0.1", 1L, "gw-1", 64,
                null, SourceLatch.FIRST_SOURCE, new RecordingChannel(recording, 1, 2), false).heldOn(true);
        journal.save(channel);
        UUID old = UUID.randomUUID();
        Files.writeString(stateDir.resolve(old + ".json"), "{\"recordingId\":\"" + old + "\",\"codec\":\"PCMA\","
                + "\"port\":40003,\"phoneAddress\":\"127.0.0.1\",\"startedAtMillis\":1,\"gatewayId\":null,"
                + "\"sequencesReservedUpTo\":64,\"endReason\":null,\"latch\":null}");

        assertThat(journal.entries()).hasSize(2).contains(channel).anySatisfy(entry -> {
            assertThat(entry.recordingId()).isEqualTo(old);
            assertThat(entry.held()).isFalse();
            assertThat(entry.batchesFor()).isEqualTo(new RecordingChannel(old, 0, 1));
        });
        assertThat(channel.batchesFor()).isEqualTo(new RecordingChannel(recording, 1, 2));
    }

    @Test
    void withoutAStateDirNothingIsKept() {
        RecordingJournal journal = new RecordingJournal(config(null));
        journal.save(entry(UUID.randomUUID()));
        assertThat(journal.entries()).isEmpty();
    }

    private static JournalEntry entry(UUID id) {
        return new JournalEntry(id, Codec.PCMA, 40_001, "127.0.0.1", 1_700_000_000_000L, "gw-1", 64, null, null, null,
                false);
    }

    private static IngestConfig config(Path stateDir) {
        return StandaloneConfig.of(stateDir == null ? Map.of()
                : Map.of("callrec.ingest.state-dir", stateDir.toString()));
    }
}
