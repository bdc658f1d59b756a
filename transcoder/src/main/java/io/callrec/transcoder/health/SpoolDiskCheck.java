package io.callrec.transcoder.health;

import io.callrec.transcoder.config.TranscoderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the spool directory can be written: every recording is assembled there before it is stored.
 * Names the free space, which a long object-store outage eats up.
 */
@Readiness
@ApplicationScoped
public class SpoolDiskCheck implements HealthCheck {
    private final Path spoolDir;

    public SpoolDiskCheck(TranscoderConfig config) {
        this.spoolDir = config.spoolDir();
    }

    @Override
    public HealthCheckResponse call() {
        if (!Files.isDirectory(spoolDir) || !Files.isWritable(spoolDir)) {
            return HealthCheckResponse.named("spool").down().withData("dir", spoolDir.toString()).build();
        }
        try {
            return HealthCheckResponse.named("spool").up().withData("dir", spoolDir.toString())
                    .withData("free-bytes", Files.getFileStore(spoolDir).getUsableSpace()).build();
        } catch (IOException e) {
            return HealthCheckResponse.named("spool").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
