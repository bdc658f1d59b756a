package io.callrec.catalog.api;

import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.RecordingStatus;
import io.callrec.catalog.service.AuditLog;
import io.callrec.catalog.service.RecordingNotFoundException;
import io.callrec.catalog.service.RecordingService;
import io.callrec.catalog.service.access.AccessScope;
import io.callrec.catalog.service.access.AccessScopes;
import io.callrec.catalog.service.access.Roles;
import io.callrec.catalog.storage.BlockingDatabase;
import io.callrec.platform.storage.ObjectStore;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Streams a recording's WAV from the object store, whole or one byte range, without holding it in memory. Runs on
 * a worker thread: the object store client blocks.
 */
@Path(RecordingResource.PATH + "/{id}/audio")
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Tag(name = "Recordings")
public class RecordingAudioResource {
    static final String WAV = "audio/wav";
    private static final String CONTENT_RANGE = "Content-Range";
    private static final String ACCEPT_RANGES = "Accept-Ranges";

    private final RecordingService recordings;
    private final ObjectStore store;
    private final AuditLog audit;
    private final AccessScopes scopes;
    private final SecurityIdentity identity;
    private final BlockingDatabase database;

    public RecordingAudioResource(RecordingService recordings, ObjectStore store, AuditLog audit,
                                  AccessScopes scopes, SecurityIdentity identity, BlockingDatabase database) {
        this.recordings = recordings;
        this.store = store;
        this.audit = audit;
        this.scopes = scopes;
        this.identity = identity;
        this.database = database;
    }

    @GET
    @Blocking
    @Produces(WAV)
    @Operation(summary = "The WAV; honours Range (206). download=true asks the browser to save it and is audited as "
            + "a download; any other read, whole or partial, as a listen")
    public Response audio(@RestPath String id, @HeaderParam("Range") String range,
                          @RestQuery boolean download) {
        UUID recordingId = RecordingIds.parse(id);
        AccessScope scope = scopes.of(identity);
        Recording recording = database.await(() -> recordings.find(recordingId, scope));
        if (recording.status != RecordingStatus.AVAILABLE || recording.objectKey == null) {
            throw new RecordingNotFoundException(recordingId, "has no audio: its status is "
                    + recording.status.wireName());
        }
        long total = store.size(recording.objectKey).orElseThrow(() ->
                new RecordingNotFoundException(recordingId, "has no audio: the object is missing from the store"));
        Optional<ByteRange> asked = ByteRange.parse(range, total);
        ByteRange bytes = asked.orElse(ByteRange.wholeFile(total));
        if (!bytes.satisfiable()) {
            Response problem = ProblemMappers.problem("range-not-satisfiable", "Range not satisfiable",
                    Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "The recording has " + total + " bytes; the range '" + range + "' is outside it.");
            return Response.fromResponse(problem)
                    .header(ACCEPT_RANGES, "bytes")
                    .header(CONTENT_RANGE, bytes.contentRange())
                    .build();
        }
        // Every read is audited, whatever its range; the log keeps one entry per person, recording and kind
        // within callrec.audit.read-window, as a player asks for many ranges while it plays.
        database.await(() -> audit.writeRead(scope.user(), download ? AuditAction.DOWNLOAD : AuditAction.LISTEN,
                recordingId));
        StreamingOutput body = output -> {
            if (bytes.length() > 0) {
                try (InputStream in = store.read(recording.objectKey, bytes.first(), bytes.length())) {
                    in.transferTo(output);
                }
            }
        };
        Response.ResponseBuilder response = Response.status(asked.isPresent() ? Response.Status.PARTIAL_CONTENT
                        : Response.Status.OK)
                .entity(body)
                .type(WAV)
                .header(ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CONTENT_LENGTH, bytes.length())
                .header("Content-Disposition", RecordingFileName.contentDisposition(recording, download));
        if (asked.isPresent()) {
            response.header(CONTENT_RANGE, bytes.contentRange());
        }
        return response.build();
    }
}
