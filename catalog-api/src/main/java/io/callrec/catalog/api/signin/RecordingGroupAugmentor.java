package io.callrec.catalog.api.signin;

import io.callrec.catalog.domain.RecordingGroup;
import io.callrec.catalog.service.RecordingGroupService;
import io.callrec.catalog.service.access.Roles;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Adds the caller's recordings group (devices and extensions an admin assigned through the API) to every
 * authenticated identity but an admin's, whoever signed them in; {@link AccessScopes} reads it from there. Read
 * at each sign-in, so a change applies from the user's next request.
 */
@ApplicationScoped
public class RecordingGroupAugmentor implements SecurityIdentityAugmentor {
    /** The identity attribute holding the caller's {@link Members}. */
    public static final String ATTRIBUTE = "callrec.recording-group";

    private final RecordingGroupService groups;

    public RecordingGroupAugmentor(RecordingGroupService groups) {
        this.groups = groups;
    }

    /** What the group adds to the caller's scope. */
    public record Members(Set<String> devices, Set<String> extensions) {
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.hasRole(Roles.ADMIN)) {
            return Uni.createFrom().item(identity);
        }
        return groups.of(identity.getPrincipal().getName()).map(group -> group == null ? identity
                : QuarkusSecurityIdentity.builder(identity).addAttribute(ATTRIBUTE, members(group)).build());
    }

    private static Members members(RecordingGroup group) {
        return new Members(Set.of(group.devices), Set.of(group.extensions));
    }
}
