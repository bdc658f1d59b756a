package io.callrec.catalog.api;

import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.security.AccessScopes;
import io.callrec.catalog.security.Roles;
import io.callrec.catalog.service.AuditLog;
import io.callrec.catalog.service.Reactive;
import io.callrec.catalog.service.RecordingSearch;
import io.callrec.catalog.service.RecordingService;
import io.callrec.catalog.service.TombstoneSweeper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Finding, protecting and deleting recordings. */
@Path(RecordingResource.PATH)
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recordings")
public class RecordingResource {
    static final String PATH = "/api/v1/recordings";
    private static final Logger LOG = Logger.getLogger(RecordingResource.class);

    private final RecordingSearch search;
    private final RecordingService recordings;
    private final TombstoneSweeper sweeper;
    private final AuditLog audit;
    private final AccessScopes scopes;
    private final SecurityIdentity identity;

    public RecordingResource(RecordingSearch search, RecordingService recordings, TombstoneSweeper sweeper,
                             AuditLog audit, AccessScopes scopes, SecurityIdentity identity) {
        this.search = search;
        this.recordings = recordings;
        this.sweeper = sweeper;
        this.audit = audit;
        this.scopes = scopes;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Recordings the caller may see, filtered, sorted and paged")
    public Uni<PageView<RecordingView>> list(@BeanParam RecordingFilter filter) {
        return search.search(filter.toQuery(), scopes.of(identity)).map(page -> PageView.of(page, RecordingView::of));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One recording; 404 once deleted")
    public Uni<RecordingView> get(@RestPath String id) {
        return recordings.find(RecordingIds.parse(id), scopes.of(identity)).map(RecordingView::of);
    }

    @GET
    @Path("{id}/audit")
    @Operation(summary = "Who listened to, downloaded, protected or imported this recording; newest first; for "
            + "whoever may see the recording")
    public Uni<PageView<AuditEntryView>> audit(@RestPath String id, @RestQuery String page,
                                               @RestQuery String size) {
        UUID recordingId = RecordingIds.parse(id);
        AuditLog.AuditQuery query = new AuditLog.AuditQuery(null, null, recordingId, null, null,
                QueryParameters.page(page), QueryParameters.size(size));
        return recordings.find(recordingId, scopes.of(identity))
                .chain(() -> audit.search(query))
                .map(result -> PageView.of(result, AuditEntryView::of));
    }

    @PUT
    @Path("{id}/protection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Protect a recording against deletion (also by retention), or lift the protection")
    public Uni<RecordingView> protect(@RestPath String id, ProtectionChange change) {
        if (change == null || change.isProtected() == null) {
            throw new InvalidParameterException("The body must be {\"protected\": true} or {\"protected\": false}.");
        }
        return recordings.setProtection(RecordingIds.parse(id), change.isProtected(), scopes.of(identity))
                .map(RecordingView::of);
    }

    @PUT
    @Path("{id}/legal-hold")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a recording under legal hold (no deletion, no retention) or lift it; admins only")
    public Uni<RecordingView> hold(@RestPath String id, LegalHoldChange change) {
        if (change == null || change.held() == null) {
            throw new InvalidParameterException("The body must be {\"held\": true} or {\"held\": false}.");
        }
        return recordings.setLegalHold(RecordingIds.parse(id), change.held(), scopes.of(identity))
                .map(RecordingView::of);
    }

    @DELETE
    @Path("{id}")
    @Blocking
    @Operation(summary = "Delete a recording, its audio and the files it was imported from; 409 while protected")
    public void delete(@RestPath String id) {
        UUID recordingId = RecordingIds.parse(id);
        Recording tombstone = Reactive.await(() -> recordings.delete(recordingId, scopes.of(identity)));
        try {
            sweeper.removeObjects(tombstone);
        } catch (RuntimeException e) {
            // The tombstone keeps the keys: the retention job's sweep removes the objects later.
            LOG.warnf("Recording %s is deleted; its objects will be removed by the next sweep: %s", recordingId,
                    e.getMessage());
        }
    }
}
