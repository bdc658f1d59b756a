package io.callrec.catalog.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which recordings each user may see, by user name: those of the devices (MAC addresses) and extensions (local
 * numbers) assigned to them, e.g. {@code callrec.access.users."alice".devices=0c:38:3e:00:00:01}. Users with the
 * admin role see everything and need no entry. The names are the ones people log in with, embedded or OIDC.
 */
@ConfigMapping(prefix = "callrec.access")
public interface AccessConfig {
    Map<String, Assignment> users();

    interface Assignment {
        Optional<List<String>> devices();

        Optional<List<String>> extensions();

        /** Overrides {@code callrec.imports.daily-upload-quota} for this user. */
        Optional<MemorySize> dailyUploadQuota();
    }
}
