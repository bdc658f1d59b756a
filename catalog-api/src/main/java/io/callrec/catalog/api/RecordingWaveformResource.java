package io.callrec.catalog.api;

import io.callrec.catalog.security.AccessScopes;
import io.callrec.catalog.security.Roles;
import io.callrec.catalog.service.WaveformService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** A recording's waveform for the player. Runs on a worker thread: the first call streams the WAV. */
@Path(RecordingResource.PATH + "/{id}/waveform")
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recordings")
public class RecordingWaveformResource {
    private final WaveformService waveforms;
    private final AccessScopes scopes;
    private final SecurityIdentity identity;

    public RecordingWaveformResource(WaveformService waveforms, AccessScopes scopes, SecurityIdentity identity) {
        this.waveforms = waveforms;
        this.scopes = scopes;
        this.identity = identity;
    }

    @GET
    @Blocking
    @Operation(summary = "Peak amplitude (0..1) of 1,000 slices per channel; computed once, then cached; 409 "
            + "until the recording is available")
    public WaveformView waveform(@RestPath String id) {
        return WaveformView.of(waveforms.of(RecordingIds.parse(id), scopes.of(identity)));
    }
}
