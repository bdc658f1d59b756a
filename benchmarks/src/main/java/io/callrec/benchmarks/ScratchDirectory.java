package io.callrec.benchmarks;

import io.callrec.stack.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary folder for the embedded stack's data and the services' logs, deleted on close. */
final class ScratchDirectory implements AutoCloseable {
    private final Path path;

    ScratchDirectory(String prefix) throws IOException {
        this.path = Files.createTempDirectory(prefix);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        Folders.deleteTree(path);
    }
}
