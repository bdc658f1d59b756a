package io.callrec.ingest.api;

import io.callrec.contracts.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every call of the internal API must carry the {@link InternalToken}; others get 401 and nothing else. */
public class InternalTokenFilter {
    private final InternalToken token;

    public InternalTokenFilter(InternalToken token) {
        this.token = token;
    }

    @ServerRequestFilter
    public Optional<RestResponse<Problem>> requireToken(ContainerRequestContext request) {
        if (token.admits(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return Optional.empty();
        }
        return Optional.of(RestResponse.ResponseBuilder.create(Response.Status.UNAUTHORIZED,
                        Problem.of("unauthorized", "Unauthorized", 401,
                                "the internal API needs the gateway's bearer token"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.valueOf(Problem.MEDIA_TYPE)).build());
    }
}
