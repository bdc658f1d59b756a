package io.callrec.catalog.api;

import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.security.Roles;
import io.callrec.catalog.service.AuditChain;
import io.callrec.catalog.service.AuditLog;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** The audit log: all of it for admins, their own activity ({@code actor=me}) for users. */
@Path("/api/v1/audit")
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class AuditResource {
    /** The {@code actor} that names the caller. */
    static final String ME = "me";

    private final AuditLog audit;
    private final AuditChain chain;
    private final SecurityIdentity identity;

    public AuditResource(AuditLog audit, AuditChain chain, SecurityIdentity identity) {
        this.audit = audit;
        this.chain = chain;
        this.identity = identity;
    }

    @GET
    @Path("verification")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Checks the audit log's hash chain; reports the first entry that was altered")
    public Uni<AuditChain.Verification> verify() {
        return chain.verify();
    }

    @GET
    @Operation(summary = "Who listened to, downloaded, protected, deleted or imported what; newest first. "
            + "actor=me is the caller's own activity, the only part users may read")
    public Uni<PageView<AuditEntryView>> search(@RestQuery String actor, @RestQuery String action,
                                                @RestQuery String recordingId, @RestQuery String from,
                                                @RestQuery String to, @RestQuery String page,
                                                @RestQuery String size) {
        AuditLog.AuditQuery query = new AuditLog.AuditQuery(actor(actor), action(action),
                QueryParameters.uuid("recordingId", recordingId), QueryParameters.time("from", from, false),
                QueryParameters.time("to", to, true), QueryParameters.page(page), QueryParameters.size(size));
        return audit.search(query).map(result -> PageView.of(result, AuditEntryView::of));
    }

    private String actor(String value) {
        String text = QueryParameters.text(value);
        if (ME.equals(text)) {
            return identity.getPrincipal().getName();
        }
        if (!identity.hasRole(Roles.ADMIN)) {
            throw new ForbiddenException("Users may read their own activity only: actor=me.");
        }
        return text;
    }

    private static AuditAction action(String value) {
        String text = QueryParameters.text(value);
        if (text == null) {
            return null;
        }
        return AuditAction.byWireName(text).orElseThrow(() -> new InvalidParameterException("action must be one of "
                + Arrays.stream(AuditAction.values()).map(AuditAction::wireName).collect(Collectors.joining(", "))
                + ", not '" + text + "'."));
    }
}
