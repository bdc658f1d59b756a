package io.callrec.catalog.api;

import io.callrec.catalog.service.RetentionService;
import io.callrec.catalog.service.TraceLevelService;
import io.callrec.catalog.service.access.Roles;
import io.callrec.contracts.TraceArea;
import io.callrec.contracts.TraceLevels;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Catalog settings for admins. */
@Path("/api/v1/settings")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class SettingsResource {
    /** A hundred years: more is a typo. */
    static final int MAX_DAYS = 36_500;

    private final RetentionService retention;
    private final TraceLevelService traceLevels;
    private final SecurityIdentity identity;

    public SettingsResource(RetentionService retention, TraceLevelService traceLevels, SecurityIdentity identity) {
        this.retention = retention;
        this.traceLevels = traceLevels;
        this.identity = identity;
    }

    @GET
    @Path("retention")
    @Operation(summary = "Days recordings are kept (0: for ever)")
    public Uni<RetentionSetting> retention() {
        return retention.days().map(RetentionSetting::new);
    }

    @PUT
    @Path("retention")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the days recordings are kept; the retention job deletes older unprotected ones")
    public Uni<RetentionSetting> setRetention(RetentionSetting setting) {
        if (setting == null || setting.days() == null || setting.days() < 0 || setting.days() > MAX_DAYS) {
            throw new InvalidParameterException("The body must be {\"days\": N} with N from 0 (keep for ever) to "
                    + MAX_DAYS + ".");
        }
        return retention.setDays(setting.days(), identity.getPrincipal().getName()).map(RetentionSetting::new);
    }

    @GET
    @Path("trace-levels")
    @Operation(summary = "Log level per area: recording, callInformation, converting, licensing, ui")
    public Uni<TraceLevelsView> traceLevels() {
        return traceLevels.levels().map(TraceLevelsView::of);
    }

    @PUT
    @Path("trace-levels")
    @Blocking // waits for the database and for Kafka to take the levels for the other services
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set log levels per area (ERROR, WARN, INFO, DEBUG, TRACE), at once and without a "
            + "restart, in every service; an area left out keeps its level")
    public TraceLevelsView setTraceLevels(TraceLevelsView levels) {
        if (levels == null) {
            throw new InvalidParameterException("The body must be {\"recording\": \"INFO\", ...}.");
        }
        Map<TraceArea, String> changes = levels.changes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, change -> level(change.getValue())));
        return TraceLevelsView.of(traceLevels.set(changes, identity.getPrincipal().getName()));
    }

    private static String level(String value) {
        String level = value.trim().toUpperCase(Locale.ROOT);
        if (!TraceLevels.NAMES.contains(level)) {
            throw new InvalidParameterException("A level is one of " + String.join(", ", TraceLevels.NAMES)
                    + ", not '" + value + "'.");
        }
        return level;
    }
}
