package io.callrec.catalog.api;

import io.callrec.catalog.service.RetentionService;
import io.callrec.catalog.service.access.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Catalog settings for admins. */
@Path("/api/v1/settings")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class SettingsResource {
    /** A hundred years: more is a typo. */
    static final int MAX_DAYS = 36_500;

    private final RetentionService retention;
    private final SecurityIdentity identity;

    public SettingsResource(RetentionService retention, SecurityIdentity identity) {
        this.retention = retention;
        this.identity = identity;
    }

    @GET
    @Path("retention")
    @Operation(summary = "Days recordings are kept (0: for ever)")
    public Uni<RetentionSetting> retention() {
        return retention.days().map(RetentionSetting::new);
    }

    @PUT
    @Path("retention")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the days recordings are kept; the retention job deletes older unprotected ones")
    public Uni<RetentionSetting> setRetention(RetentionSetting setting) {
        if (setting == null || setting.days() == null || setting.days() < 0 || setting.days() > MAX_DAYS) {
            throw new InvalidParameterException("The body must be {\"days\": N} with N from 0 (keep for ever) to "
                    + MAX_DAYS + ".");
        }
        return retention.setDays(setting.days(), identity.getPrincipal().getName()).map(RetentionSetting::new);
    }
}
