package io.callrec.catalog.api;

import io.callrec.catalog.security.Roles;
import io.callrec.catalog.service.RecordingGroupService;
import io.callrec.contracts.DeviceId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Recordings groups: which devices and extensions each user sees, besides the configured assignments. */
@Path("/api/v1/groups")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class RecordingGroupResource {
    /** Devices or extensions per group: a group is a person's phones, not a directory. */
    static final int MAX_MEMBERS = 1000;
    private static final int MAX_TEXT = 200;

    private final RecordingGroupService groups;
    private final SecurityIdentity identity;

    public RecordingGroupResource(RecordingGroupService groups, SecurityIdentity identity) {
        this.groups = groups;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every user's recordings group, by user name")
    public Uni<List<RecordingGroupView>> all() {
        return groups.all().map(all -> all.stream().map(RecordingGroupView::of).toList());
    }

    @PUT
    @Path("{user}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the devices and extensions whose recordings the user sees; devices in any MAC "
            + "spelling are stored normalised")
    public Uni<RecordingGroupView> set(@RestPath String user, RecordingGroupChange change) {
        if (change == null || change.devices() == null || change.extensions() == null) {
            throw new InvalidParameterException("The body must be {\"devices\": [...], \"extensions\": [...]}.");
        }
        return groups.set(userName(user), members("devices", change.devices(), DeviceId::normalize),
                        members("extensions", change.extensions(), String::trim), identity.getPrincipal().getName())
                .map(RecordingGroupView::of);
    }

    @DELETE
    @Path("{user}")
    @Operation(summary = "Remove the user's recordings group; configured assignments stay")
    public Uni<Void> delete(@RestPath String user) {
        return groups.delete(userName(user), identity.getPrincipal().getName());
    }

    private static String userName(String user) {
        String name = user.trim();
        if (name.isEmpty() || name.length() > MAX_TEXT) {
            throw new InvalidParameterException("The user name must have 1 to " + MAX_TEXT + " characters.");
        }
        return name;
    }

    private static List<String> members(String what, List<String> values, UnaryOperator<String> normalise) {
        if (values.size() > MAX_MEMBERS) {
            throw new InvalidParameterException("At most " + MAX_MEMBERS + " " + what + " per group.");
        }
        List<String> members = values.stream().filter(Objects::nonNull).map(normalise).filter(Objects::nonNull)
                .filter(value -> !value.isEmpty()).distinct().sorted().toList();
        for (String member : members) {
            if (member.length() > MAX_TEXT) {
                throw new InvalidParameterException(what + " must have at most " + MAX_TEXT + " characters each.");
            }
        }
        return members;
    }
}
