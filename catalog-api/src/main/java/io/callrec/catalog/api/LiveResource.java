package io.callrec.catalog.api;

import io.callrec.catalog.config.LiveConfig;
import io.callrec.catalog.service.access.AccessScopes;
import io.callrec.catalog.service.access.Roles;
import io.callrec.catalog.service.LiveRecordings;
import io.callrec.catalog.service.LiveUpdate;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recordings in progress as server-sent events: users see their own, admins all. */
@Path("/api/v1/live")
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Tag(name = "Recordings")
public class LiveResource {
    private final LiveRecordings live;
    private final LiveConfig config;
    private final AccessScopes scopes;
    private final SecurityIdentity identity;

    public LiveResource(LiveRecordings live, LiveConfig config, AccessScopes scopes, SecurityIdentity identity) {
        this.live = live;
        this.config = config;
        this.scopes = scopes;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Event 'snapshot' ({\"recordings\": [...]}) first, then 'started' (one recording, whole: "
            + "a new call, or one that became yours by new parties), 'described' (a shown recording, whole, with new "
            + "parties), 'stopped' ({\"id\", \"reason\"}) and 'withdrawn' ({\"id\"}: no longer yours to see) as "
            + "they happen; a comment line every 15 s")
    public Multi<OutboundSseEvent> live(@Context Sse sse) {
        Multi<OutboundSseEvent> updates = live.follow(scopes.of(identity)).map(update -> event(sse, update));
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat())
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(updates, heartbeats);
    }

    private static OutboundSseEvent event(Sse sse, LiveUpdate update) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().mediaType(MediaType.APPLICATION_JSON_TYPE);
        if (update instanceof LiveUpdate.Snapshot snapshot) {
            event.name("snapshot").data(new LiveSnapshotView(
                    snapshot.recordings().stream().map(LiveRecordingView::of).toList()));
        } else if (update instanceof LiveUpdate.Started started) {
            event.name("started").data(LiveRecordingView.of(started.recording()));
        } else if (update instanceof LiveUpdate.Described described) {
            event.name("described").data(LiveRecordingView.of(described.recording()));
        } else if (update instanceof LiveUpdate.Stopped stopped) {
            event.name("stopped").data(new LiveStopView(stopped.id(), stopped.reason()));
        } else if (update instanceof LiveUpdate.Withdrawn withdrawn) {
            event.name("withdrawn").data(new LiveWithdrawnView(withdrawn.id()));
        }
        return event.build();
    }
}
