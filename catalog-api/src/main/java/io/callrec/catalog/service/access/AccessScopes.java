package io.callrec.catalog.service.access;

import io.callrec.catalog.api.signin.RecordingGroupAugmentor;
import io.callrec.catalog.config.AccessConfig;
import io.callrec.contracts.DeviceId;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns an authenticated caller into the set of recordings they may see: for a bearer token (OIDC) from its
 * {@value #DEVICES_CLAIM} and {@value #EXTENSIONS_CLAIM} claims, for a built-in user from {@link AccessConfig};
 * either way plus the recordings group an admin gave them ({@link RecordingGroupAugmentor}).
 */
@ApplicationScoped
public class AccessScopes {
    /** The token claim listing the caller's devices (MAC addresses): a JSON array or a comma-separated string. */
    public static final String DEVICES_CLAIM = "callrec_devices";
    /** The token claim listing the caller's extensions (local numbers). */
    public static final String EXTENSIONS_CLAIM = "callrec_extensions";

    private final AccessConfig config;

    public AccessScopes(AccessConfig config) {
        this.config = config;
    }

    public AccessScope of(SecurityIdentity identity) {
        String user = identity.getPrincipal().getName();
        if (identity.hasRole(Roles.ADMIN)) {
            return AccessScope.admin(user);
        }
        AccessScope assigned = assigned(user, identity);
        RecordingGroupAugmentor.Members group = identity.getAttribute(RecordingGroupAugmentor.ATTRIBUTE);
        return group == null ? assigned : assigned.with(group.devices(), group.extensions());
    }

    private AccessScope assigned(String user, SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return scope(user, claimValues(token.getClaim(DEVICES_CLAIM)), claimValues(token.getClaim(EXTENSIONS_CLAIM)));
        }
        AccessConfig.Assignment assignment = config.users().get(user);
        if (assignment == null) {
            return new AccessScope(user, false, Set.of(), Set.of());
        }
        return scope(user, assignment.devices().orElse(List.of()).stream(),
                assignment.extensions().orElse(List.of()).stream());
    }

    private static AccessScope scope(String user, Stream<String> devices, Stream<String> extensions) {
        return new AccessScope(user, false,
                devices.map(DeviceId::normalize).collect(Collectors.toUnmodifiableSet()),
                extensions.map(String::trim).filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    private static Stream<String> claimValues(Object claim) {
        if (claim instanceof JsonArray array) {
            return array.stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString());
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf);
        }
        if (claim instanceof JsonString s) {
            return Arrays.stream(s.getString().split(","));
        }
        if (claim instanceof String s) {
            return Arrays.stream(s.split(","));
        }
        return Stream.empty();
    }
}
