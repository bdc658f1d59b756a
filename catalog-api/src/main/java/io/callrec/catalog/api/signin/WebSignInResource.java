package io.callrec.catalog.api.signin;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The web page's sign-in with the identity provider ({@code oidc} profile, tenant {@code web}): Quarkus OIDC sends
 * a browser without a session to the provider and back here with its session cookie; this only returns it to the
 * page. The relative Location keeps the scheme and host the browser used, whatever proxy is in front.
 */
@Path("/sign-in")
@Authenticated
@Tag(name = "Access")
public class WebSignInResource {
    @GET
    @Operation(summary = "Signs a person in with the identity provider, then returns to the web page")
    public Response signIn() {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, "/").build();
    }
}
