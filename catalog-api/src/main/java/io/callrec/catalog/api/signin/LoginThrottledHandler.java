package io.callrec.catalog.api.signin;

import io.callrec.catalog.api.RouteProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Answers a throttled login 429 with Retry-After and a problem document, instead of the usual 401 challenge. */
@ApplicationScoped
public class LoginThrottledHandler {
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        LoginThrottledException throttled = throttled(context.failure());
        if (throttled == null || context.response().headWritten()) {
            context.next();
            return;
        }
        long seconds = Math.max(1, throttled.retryAfter().toSeconds());
        context.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        RouteProblems.end(context, "too-many-logins", "Too many failed logins", 429,
                "Too many failed logins for this user or from this address; retry after " + seconds + " s.");
    }

    private static LoginThrottledException throttled(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LoginThrottledException e) {
                return e;
            }
        }
        return null;
    }
}
