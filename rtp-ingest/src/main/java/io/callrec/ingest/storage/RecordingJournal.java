package io.callrec.ingest.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The open recordings on disk ({@code callrec.ingest.state-dir}), one small JSON file per recording, each
 * replaced atomically (written to a temporary file, forced to disk, then moved over the old one), so a crash
 * leaves either the old entry or the new one. Without a state dir there is no journal: saving and removing do
 * nothing and there is nothing to recover. Every method blocks on the disk: call it off the event loop.
 */
@ApplicationScoped
public class RecordingJournal {
    private static final Logger LOG = Logger.getLogger(RecordingJournal.class);
    private static final String ENTRY = ".json";
    private static final String TEMPORARY = ".tmp";
    private static final String UNREADABLE = ".unreadable";

    private final ObjectMapper json = new ObjectMapper();
    private final Path dir;

    public RecordingJournal(IngestConfig config) {
        this.dir = config.stateDir().orElse(null);
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("state dir " + dir + " cannot be created", e);
            }
        }
    }

    public void save(JournalEntry entry) {
        if (dir == null) {
            return;
        }
        Path target = file(entry.recordingId());
        Path temporary = target.resolveSibling(target.getFileName() + TEMPORARY);
        try {
            byte[] bytes = json.writeValueAsBytes(entry);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("journal entry of recording " + entry.recordingId()
                    + " not written", e);
        }
    }

    public void remove(UUID recordingId) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(file(recordingId));
        } catch (IOException e) {
            throw new UncheckedIOException("journal entry of recording " + recordingId + " not removed", e);
        }
    }

    /**
     * Every entry left by the previous run. Temporary files of writes a crash cut short are deleted (the entry
     * they were replacing is still there); an entry that cannot be read is renamed {@code *.unreadable}, kept for
     * the operator and logged.
     */
    public List<JournalEntry> entries() {
        List<JournalEntry> entries = new ArrayList<>();
        if (dir == null) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMPORARY)) {
                    Files.delete(file);
                } else if (name.endsWith(ENTRY)) {
                    read(file, entries);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("state dir " + dir + " cannot be read", e);
        }
        return entries;
    }

    private void read(Path file, List<JournalEntry> entries) throws IOException {
        try {
            JournalEntry entry = json.readValue(file.toFile(), JournalEntry.class);
            if (entry.recordingId() == null || entry.codec() == null || entry.phoneAddress() == null) {
                throw new IOException("recordingId, codec or phoneAddress missing");
            }
            entries.add(entry);
        } catch (IOException e) {
            LOG.errorf("Journal entry %s cannot be read, its recording is not recovered: %s", file, e.getMessage());
            Files.move(file, file.resolveSibling(file.getFileName() + UNREADABLE),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path file(UUID recordingId) {
        return dir.resolve(recordingId + ENTRY);
    }
}
