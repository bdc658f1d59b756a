package io.callrec.catalog.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.callrec.catalog.domain.WavFormatException;
import io.callrec.catalog.messaging.ImportQueueException;
import io.callrec.catalog.messaging.TraceLevelsNotPublishedException;
import io.callrec.catalog.service.ImportNotFoundException;
import io.callrec.catalog.service.RecordingConflictException;
import io.callrec.catalog.service.RecordingNotFoundException;
import io.callrec.catalog.service.RejectedUploadException;
import io.callrec.contracts.Problem;
import io.callrec.platform.storage.StorageException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into a problem document with a message people can act on. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return problem("invalid-parameter", "Invalid parameter", Status.BAD_REQUEST, e.getMessage());
    }

    /** Named one by one: the JSON extension maps the more specific ones itself, as plain JSON. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class})
    public Response unreadableBody(JsonProcessingException e) {
        return problem("invalid-body", "Invalid request body", Status.BAD_REQUEST,
                "The body is not the JSON this endpoint expects: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response recordingNotFound(RecordingNotFoundException e) {
        return problem("not-found", "Not found", Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response importNotFound(ImportNotFoundException e) {
        return problem("not-found", "Not found", Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(RecordingConflictException e) {
        return problem("conflict", "Conflict with the recording's state", Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response rejectedUpload(RejectedUploadException e) {
        return e.tooLarge()
                ? problem("upload-too-large", "Upload too large", Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage())
                : problem("upload-rejected", "Upload rejected", Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response storageUnavailable(StorageException e) {
        LOG.error(e.getMessage(), e);
        return problem("unavailable", "Object store unavailable", Status.SERVICE_UNAVAILABLE,
                "The object store could not be reached; try again later.");
    }

    @ServerExceptionMapper
    public Response unreadableAudio(WavFormatException e) {
        LOG.errorf("A stored recording is not a WAV this service reads: %s", e.getMessage());
        return problem("unreadable-audio", "Unreadable audio", Status.INTERNAL_SERVER_ERROR,
                "The recording's file is not a 16-bit PCM WAV: " + e.getMessage() + ".");
    }

    @ServerExceptionMapper
    public Response queueUnavailable(ImportQueueException e) {
        return problem("unavailable", "Import queue unavailable", Status.SERVICE_UNAVAILABLE,
                "The files could not be queued for conversion; try again later.");
    }

    @ServerExceptionMapper
    public Response levelsNotPublished(TraceLevelsNotPublishedException e) {
        LOG.warn(e.getMessage());
        return problem("unavailable", "Trace levels not published", Status.SERVICE_UNAVAILABLE,
                "The levels are stored and apply to this catalog, but Kafka did not take them for the other "
                        + "services; try again later.");
    }

    /** A signed-in caller whose role does not reach the endpoint (e.g. a user on an admin one). */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return problem("forbidden", "Forbidden", Status.FORBIDDEN,
                "Your account's role may not use this endpoint; ask an administrator if you need it.");
    }

    /** The framework's own errors (unknown path, wrong method or media type, ...) as problem documents too. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String kind = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
        Response.ResponseBuilder problem = Response.fromResponse(problem(kind, status.getReasonPhrase(), status,
                e.getMessage()));
        // Keep what the framework said besides the body, e.g. Allow on a 405.
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem.build();
    }

    /** The problem document as this API's answer; kinds are lower case with hyphens, e.g. {@code not-found}. */
    static Response problem(String kind, String title, Response.StatusType status, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(kind, title, status.getStatusCode(), detail)).build();
    }
}
