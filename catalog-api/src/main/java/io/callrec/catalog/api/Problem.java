package io.callrec.catalog.api;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document, the body of every error this API answers.
 *
 * @param type   a URN naming the kind of problem
 * @param title  short, the same for every problem of the type
 * @param status the HTTP status
 * @param detail what went wrong this time, for people
 */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(String kind, String title, Response.StatusType status, String detail) {
        return new Problem("urn:callrec:problem:" + kind, title, status.getStatusCode(), detail);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
