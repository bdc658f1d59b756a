package io.callrec.catalog.api;

import io.callrec.catalog.service.ImportReceipt;
import io.callrec.catalog.service.ImportService;
import io.callrec.catalog.service.ImportedMetadata;
import io.callrec.catalog.service.IncomingFile;
import io.callrec.catalog.service.access.AccessScopes;
import io.callrec.catalog.service.access.Roles;
import io.callrec.contracts.DeviceId;
import io.callrec.contracts.ImportRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Importing recordings made on a phone's USB drive. */
@Path(ImportResource.PATH)
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
public class ImportResource {
    static final String PATH = "/api/v1/imports";

    private final ImportService imports;
    private final AccessScopes scopes;
    private final SecurityIdentity identity;

    public ImportResource(ImportService imports, AccessScopes scopes, SecurityIdentity identity) {
        this.imports = imports;
        this.scopes = scopes;
        this.identity = identity;
    }

    /**
     * Each file becomes a recording owned by the caller, unless {@code joined} says the files are the rolled-over
     * parts of one call. Only an admin may assign the recordings to a device or extension.
     */
    @POST
    @Path("usb")
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import phone USB recordings (Record_[SystemTime] files, multipart field 'file')")
    public Response importUsb(@RestForm("file") List<FileUpload> files, @RestForm String device,
                              @RestForm String extension, @RestForm boolean joined) {
        String assignedDevice = DeviceId.normalize(QueryParameters.text(device));
        String assignedExtension = QueryParameters.text(extension);
        if ((assignedDevice != null || assignedExtension != null) && !identity.hasRole(Roles.ADMIN)) {
            throw new ForbiddenException("Only an admin may assign imported recordings to a device or extension.");
        }
        List<IncomingFile> incoming = files == null ? List.of() : files.stream()
                .map(file -> new IncomingFile(file.fileName(), file.uploadedFile(), file.size()))
                .toList();
        ImportReceipt receipt = imports.accept(ImportRequest.USB, incoming, joined,
                new ImportedMetadata(null, assignedDevice, assignedExtension, null),
                identity.getPrincipal().getName());
        return accepted(receipt);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An import's files and the status of its recordings")
    public Uni<ImportView> status(@RestPath String id) {
        return imports.find(QueryParameters.uuid("id", id), scopes.of(identity)).map(ImportView::of);
    }

    static Response accepted(ImportReceipt receipt) {
        ImportReceiptView view = ImportReceiptView.of(receipt);
        return Response.accepted(view).location(URI.create(view.statusUrl())).build();
    }
}
