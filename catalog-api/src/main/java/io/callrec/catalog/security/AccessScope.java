package io.callrec.catalog.security;

import io.callrec.catalog.domain.Recording;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The recordings one caller may see: everything for an admin; otherwise those whose device is one of theirs,
 * whose local number is one of their extensions, or that they imported themselves.
 *
 * @param user       the caller's name
 * @param admin      whether the caller sees everything
 * @param devices    assigned devices, normalised
 * @param extensions assigned extensions
 */
public record AccessScope(String user, boolean admin, Set<String> devices, Set<String> extensions) {

    public static AccessScope admin(String user) {
        return new AccessScope(user, true, Set.of(), Set.of());
    }

    /** This scope and the given devices and extensions too. */
    public AccessScope with(Set<String> moreDevices, Set<String> moreExtensions) {
        return new AccessScope(user, admin,
                Stream.concat(devices.stream(), moreDevices.stream()).collect(Collectors.toUnmodifiableSet()),
                Stream.concat(extensions.stream(), moreExtensions.stream()).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean permits(Recording recording) {
        return admin
                || (recording.device != null && devices.contains(recording.device))
                || (recording.localNumber != null && extensions.contains(recording.localNumber))
                || user.equals(recording.owner);
    }
}
