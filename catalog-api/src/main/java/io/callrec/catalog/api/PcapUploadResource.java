package io.callrec.catalog.api;

import io.callrec.catalog.config.ImportConfig;
import io.callrec.catalog.service.ImportReceipt;
import io.callrec.catalog.service.ImportService;
import io.callrec.catalog.service.ImportedMetadata;
import io.callrec.catalog.service.IncomingFile;
import io.callrec.catalog.service.PcapFileName;
import io.callrec.catalog.service.RejectedUploadException;
import io.callrec.catalog.service.access.AccessScope;
import io.callrec.catalog.service.access.AccessScopes;
import io.callrec.catalog.service.access.Roles;
import io.callrec.contracts.ImportRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Where a PBX or phone uploads its captures with HTTP PUT, the URL it is configured with:
 * {@code /recordings/Files/<call-guid>-<device-mac>-<n>--<user>.pcap}. Not under /api/v1 on purpose.
 */
@jakarta.ws.rs.Path("/recordings/Files")
@RolesAllowed({Roles.DEVICE, Roles.USER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
public class PcapUploadResource {
    private static final int COPY_BUFFER = 64 * 1024;

    private final ImportService imports;
    private final ImportConfig config;
    private final AccessScopes scopes;
    private final SecurityIdentity identity;

    public PcapUploadResource(ImportService imports, ImportConfig config, AccessScopes scopes,
                              SecurityIdentity identity) {
        this.imports = imports;
        this.config = config;
        this.scopes = scopes;
        this.identity = identity;
    }

    @PUT
    @jakarta.ws.rs.Path("{name}")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a PCAP or pcapng capture of a call; the name may carry call id, device and user")
    public Response upload(@RestPath String name, InputStream body) {
        ImportedMetadata metadata = PcapFileName.parse(name)
                .map(parsed -> new ImportedMetadata(parsed.callId(), parsed.device(), null, parsed.user()))
                .orElse(ImportedMetadata.NONE);
        requireOwnDevice(name, metadata.device());
        Path spool = spool(name, body);
        try {
            ImportReceipt receipt = imports.accept(ImportRequest.PCAP,
                    List.of(new IncomingFile(name, spool, fileSize(spool))), false, metadata,
                    identity.getPrincipal().getName());
            return ImportResource.accepted(receipt);
        } finally {
            delete(spool);
        }
    }

    /**
     * The name attributes the recording to a device, and so to whoever that device is assigned: only an admin may
     * name any device; a user or a phone/PBX account (role device) only those assigned to them.
     */
    private void requireOwnDevice(String name, String device) {
        AccessScope scope = scopes.of(identity);
        if (device != null && !scope.admin() && !scope.devices().contains(device)) {
            throw new ForbiddenException("The file name '" + name + "' attributes the capture to device " + device
                    + ", which is not assigned to " + scope.user() + ".");
        }
    }

    /** Copies the body to a temporary file, refusing it as soon as it passes the size limit. */
    private Path spool(String name, InputStream body) {
        long limit = config.maxFileSize().asLongValue();
        Path spool = null;
        try {
            spool = Files.createTempFile("callrec-upload-", ".part");
            try (InputStream in = body; OutputStream out = Files.newOutputStream(spool)) {
                byte[] buffer = new byte[COPY_BUFFER];
                long copied = 0;
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    copied += read;
                    if (copied > limit) {
                        throw new RejectedUploadException("File '" + name + "' is larger than the limit of " + limit
                                + " bytes.", true);
                    }
                    out.write(buffer, 0, read);
                }
            }
            return spool;
        } catch (IOException e) {
            delete(spool);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(spool);
            throw e;
        }
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
