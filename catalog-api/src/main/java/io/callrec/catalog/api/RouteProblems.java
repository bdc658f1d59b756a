package io.callrec.catalog.api;

import io.callrec.contracts.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem documents answered by a Vert.x route: the refusals made before a request reaches the REST endpoints (and
 * {@link ProblemMappers}), such as a throttled login or a cross-site request.
 */
public final class RouteProblems {
    private RouteProblems() {
    }

    /** Ends the response with the problem; headers set before (e.g. {@code Allow}, {@code Retry-After}) stay. */
    public static void end(RoutingContext context, String kind, String title, int status, String detail) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(kind, title, status, detail)));
    }
}
