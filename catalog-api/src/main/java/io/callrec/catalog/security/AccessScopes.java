package io.callrec.catalog.security;

import io.callrec.catalog.config.AccessConfig;
import io.callrec.contracts.DeviceId;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns an authenticated caller into the set of recordings they may see, from {@link AccessConfig}. */
@ApplicationScoped
public class AccessScopes {
    private final AccessConfig config;

    public AccessScopes(AccessConfig config) {
        this.config = config;
    }

    public AccessScope of(SecurityIdentity identity) {
        String user = identity.getPrincipal().getName();
        if (identity.hasRole(Roles.ADMIN)) {
            return AccessScope.admin(user);
        }
        AccessConfig.Assignment assignment = config.users().get(user);
        if (assignment == null) {
            return new AccessScope(user, false, Set.of(), Set.of());
        }
        Set<String> devices = assignment.devices().orElse(List.of()).stream()
                .map(DeviceId::normalize)
                .collect(Collectors.toUnmodifiableSet());
        Set<String> extensions = assignment.extensions().orElse(List.of()).stream()
                .map(String::trim)
                .collect(Collectors.toUnmodifiableSet());
        return new AccessScope(user, false, devices, extensions);
    }
}
