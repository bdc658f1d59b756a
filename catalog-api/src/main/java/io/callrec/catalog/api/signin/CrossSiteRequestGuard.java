package io.callrec.catalog.api.signin;

import io.callrec.catalog.api.RouteProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses what another site can make a signed-in person's browser send: the session cookie is SameSite=Lax, so it
 * rides along on any top-level GET navigation, a link or a redirect from anywhere.
 * <ul>
 * <li>Signing out by anything but POST. Quarkus OIDC signs out whatever the method as soon as the path is its
 * logout path, while authenticating, so a link or an {@code <img>} elsewhere could end the session; the page signs
 * out with a form POST, which another site's form sends without the cookie.</li>
 * <li>A request to the API or the audio that the browser says another site started ({@code Sec-Fetch-Site:
 * cross-site}): it would read a recording and write the {@code listen} or {@code download} audit entry in the
 * person's name. API clients send no such header; the identity provider's redirect back to {@code /sign-in}, which
 * is cross-site, is not on these paths.</li>
 * </ul>
 * Both run before authentication: that is where Quarkus signs out, and a refused request reaches nothing else.
 */
@ApplicationScoped
public class CrossSiteRequestGuard {
    private static final int BEFORE_AUTHENTICATION = SecurityHandlerPriorities.AUTHENTICATION + 1;
    private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    private final Optional<String> signOutPath;

    public CrossSiteRequestGuard(@ConfigProperty(name = "quarkus.oidc.web.logout.path") Optional<String> signOutPath) {
        this.signOutPath = signOutPath;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, BEFORE_AUTHENTICATION);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        if (signOutPath.filter(path::equals).isPresent() && context.request().method() != HttpMethod.POST) {
            context.response().putHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
            RouteProblems.end(context, "method-not-allowed", "Method Not Allowed", 405,
                    "Sign out with the Log out button of callrec's page (POST " + path + ").");
        } else if ("cross-site".equals(context.request().getHeader(SEC_FETCH_SITE))
                && (path.startsWith("/api/") || path.startsWith("/recordings/"))) {
            RouteProblems.end(context, "cross-site-request", "Cross-site request", 403,
                    "Another site sent this request; open recordings from callrec's own page.");
        } else {
            context.next();
        }
    }
}
