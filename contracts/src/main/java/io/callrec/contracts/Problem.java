package io.callrec.contracts;

/**
 * An RFC 9457 problem document, the body of every HTTP error callrec answers (the catalog's REST API and
 * rtp-ingest's internal API alike).
 *
 * @param type   {@code urn:callrec:problem:<kind>}, naming the kind of problem
 * @param title  short, the same for every problem of the type
 * @param status the HTTP status
 * @param detail what went wrong this time, for people
 */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:callrec:problem:";

    /** @param kind lower case with hyphens, e.g. {@code no-capacity} */
    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail);
    }
}
