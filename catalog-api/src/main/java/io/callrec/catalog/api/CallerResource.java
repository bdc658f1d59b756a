package io.callrec.catalog.api;

import io.callrec.catalog.service.access.AccessScope;
import io.callrec.catalog.service.access.AccessScopes;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The logged-in caller. */
@Path("/api/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
public class CallerResource {
    private final AccessScopes scopes;
    private final SecurityIdentity identity;

    public CallerResource(AccessScopes scopes, SecurityIdentity identity) {
        this.scopes = scopes;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The caller's name, roles, and assigned devices and extensions")
    public CallerView me() {
        AccessScope scope = scopes.of(identity);
        return new CallerView(scope.user(), scope.admin(), identity.getRoles(), scope.devices(), scope.extensions());
    }
}
