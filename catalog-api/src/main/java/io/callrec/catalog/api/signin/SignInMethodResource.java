package io.callrec.catalog.api.signin;

import io.callrec.catalog.config.SignInConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the web page asks before anyone has signed in: which sign-in it should offer. Public. */
@Path("/api/v1/sign-in")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
public class SignInMethodResource {
    private final SignInMethodView method;

    public SignInMethodResource(@ConfigProperty(name = "quarkus.http.auth.basic", defaultValue = "false") boolean basic,
                                @ConfigProperty(name = "quarkus.oidc.web.tenant-enabled", defaultValue = "false")
                                boolean webSignIn,
                                SignInConfig config) {
        String provider = config.providerName().orElse(null);
        this.method = basic ? new SignInMethodView(SignInMethodView.PASSWORD, null)
                : webSignIn ? new SignInMethodView(SignInMethodView.IDENTITY_PROVIDER, provider)
                : new SignInMethodView(SignInMethodView.NONE, null);
    }

    @GET
    @Operation(summary = "How people sign in on the web page: password, identity-provider or none")
    public SignInMethodView method() {
        return method;
    }
}
