package io.callrec.ingest.api;

import io.callrec.contracts.Codec;
import io.callrec.contracts.Problem;
import io.callrec.contracts.StopReasons;
import io.callrec.contracts.ingest.Allocation;
import io.callrec.contracts.ingest.AllocationRequest;
import io.callrec.contracts.ingest.SourceLatch;
import io.callrec.contracts.ingest.Ending;
import io.callrec.contracts.ingest.IngestStatus;
import io.callrec.contracts.ingest.PresenceCheck;
import io.callrec.ingest.service.IngestSessions;
import io.callrec.ingest.service.NoCapacityException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The cluster-internal API the control-gateway calls: allocate, end, status, presence. */
@Path("/internal")
public class InternalSessionResource {
    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.\\[\\]]{2,64}");
    private static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final IngestSessions sessions;

    public InternalSessionResource(IngestSessions sessions) {
        this.sessions = sessions;
    }

    @POST
    @Path("/sessions")
    public Uni<Allocation> allocate(AllocationRequest request) {
        if (request == null || request.recordingId() == null || request.sourceIp() == null
                || !IP_LITERAL.matcher(request.sourceIp()).matches()) {
            throw new BadRequestException("recordingId, codec and sourceIp (an IP address) are required");
        }
        if (request.gatewayId() != null && !GATEWAY_ID.matcher(request.gatewayId()).matches()) {
            throw new BadRequestException("gatewayId must be 1-128 letters, digits or . _ : -");
        }
        Codec codec = Codec.byName(request.codec())
                .orElseThrow(() -> new BadRequestException("unsupported codec " + request.codec()));
        String phone = literalAddress(request.sourceIp());
        long startedAt = request.startedAtMillis() > 0 ? request.startedAtMillis() : System.currentTimeMillis();
        SourceLatch latch = request.latch() == null ? SourceLatch.SOURCE_ADDRESS : request.latch();
        return sessions.allocate(request.recordingId(), codec, phone, startedAt, request.gatewayId(), latch,
                request.channelOf());
    }

    /**
     * Ends the recording; 200 with whether this request ended it and the reason it ended with, also for an id
     * that is no longer (or never was) here: stopping is idempotent.
     */
    @DELETE
    @Path("/sessions/{id}")
    public Uni<Ending> end(@PathParam("id") UUID id, @QueryParam("reason") String reason) {
        String why = reason != null && REASON.matcher(reason).matches() ? reason : StopReasons.NORMAL;
        return sessions.end(id, why);
    }

    /** Keeps ({@code on=true}) or drops what arrives for the recording from now on; 404 when not held here. */
    @PUT
    @Path("/sessions/{id}/capture")
    public Uni<RestResponse<Void>> capture(@PathParam("id") UUID id, @QueryParam("on") boolean on) {
        return sessions.capture(id, on).map(InternalSessionResource::noContentOrNotFound);
    }

    /**
     * Holds ({@code on=true}) or releases the stream: a held stream's client sends nothing on purpose (a SIPREC
     * hold), so the RTP timeout does not end it (the hold timeout does); 404 when not held here.
     */
    @PUT
    @Path("/sessions/{id}/hold")
    public Uni<RestResponse<Void>> hold(@PathParam("id") UUID id, @QueryParam("on") boolean on) {
        return sessions.hold(id, on).map(InternalSessionResource::noContentOrNotFound);
    }

    private static RestResponse<Void> noContentOrNotFound(boolean found) {
        return found ? RestResponse.noContent() : RestResponse.notFound();
    }

    /** Which of the asked recordings this instance does not hold open. */
    @POST
    @Path("/sessions/presence")
    public PresenceCheck presence(PresenceCheck check) {
        if (check == null || check.recordingIds() == null) {
            throw new BadRequestException("recordingIds is required");
        }
        return new PresenceCheck(sessions.notHeld(check.recordingIds()));
    }

    /** The asking gateway ({@code gatewayId}) renews its lease by calling this. */
    @GET
    @Path("/status")
    public IngestStatus status(@QueryParam("gatewayId") String gatewayId) {
        if (gatewayId != null && GATEWAY_ID.matcher(gatewayId).matches()) {
            sessions.renewLease(gatewayId);
        }
        return sessions.status();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> noCapacity(NoCapacityException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE,
                Problem.of("no-capacity", "No capacity", 503, e.getMessage()))
                .type(MediaType.valueOf(Problem.MEDIA_TYPE)).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> badRequest(BadRequestException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.BAD_REQUEST,
                Problem.of("invalid-request", "Invalid request", 400, e.getMessage()))
                .type(MediaType.valueOf(Problem.MEDIA_TYPE)).build();
    }

    /** Only IP literals are accepted (no name lookups on this path). */
    private static String literalAddress(String ip) {
        try {
            String bare = ip.startsWith("[") ? ip.substring(1, ip.length() - 1) : ip;
            return InetAddress.getByName(bare).getHostAddress();
        } catch (Exception e) {
            throw new BadRequestException("sourceIp is not an IP address");
        }
    }
}
