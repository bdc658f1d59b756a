package io.callrec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret rtp-ingest's internal API wants from the gateway ({@code callrec.ingest.internal-token}): made once
 * per data folder, kept in {@code internal-token} there (readable by its owner only), so that a restarted service
 * still shares it.
 */
final class InternalTokenFile {
    private static final String FILE = "internal-token";

    private InternalTokenFile() {
    }

    static String readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Files.writeString(Files.createFile(file), token, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions apply.
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the internal token in " + file, e);
        }
    }
}
