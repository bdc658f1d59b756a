package io.callrec.catalog.api.signin;

import io.vertx.core.json.JsonObject;
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
        JsonObject problem = new JsonObject()
                .put("type", "urn:callrec:problem:too-many-logins")
                .put("title", "Too many failed logins")
                .put("status", 429)
                .put("detail", "Too many failed logins for this user or from this address; retry after "
                        + seconds + " s.");
        context.response().setStatusCode(429)
                .putHeader("Retry-After", String.valueOf(seconds))
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
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
