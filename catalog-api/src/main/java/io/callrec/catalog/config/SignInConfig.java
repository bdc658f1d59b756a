package io.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in users (HTTP Basic; small sites and the local launcher) and the throttling of failed logins. With OIDC
 * (the {@code oidc} profile) Basic is off and these users are never asked; people sign in on the web page with the
 * identity provider instead.
 */
@ConfigMapping(prefix = "callrec.sign-in")
public interface SignInConfig {
    /** By user name, e.g. {@code callrec.sign-in.users.admin.password-hash=$2a$10$...}. None by default. */
    Map<String, BuiltInUser> users();

    Throttle throttle();

    /**
     * The identity provider's name on the web page's sign-in button ("Sign in with ..."), e.g. the company's
     * single sign-on; without it the button just says "Sign in". Only the {@code oidc} profile's web sign-in uses it.
     */
    Optional<String> providerName();

    /**
     * How long a password bcrypt accepted is recognised by a keyed hash kept in memory instead (HTTP Basic sends it
     * with every request; bcrypt costs ~0.1 s of CPU each time). {@code 0s} checks every request with bcrypt.
     */
    @WithDefault("5m")
    Duration verifiedPasswordLifetime();

    interface BuiltInUser {
        /** A bcrypt hash in modular crypt form ({@code $2a$<cost>$<salt+hash>}). */
        String passwordHash();

        List<String> roles();
    }

    /** Failed logins counted in fixed windows; past the limit, logins answer 429 until the window ends. */
    interface Throttle {
        @WithDefault("5")
        int failuresPerUser();

        @WithDefault("20")
        int failuresPerAddress();

        @WithDefault("5m")
        Duration window();

        /** Users and addresses tracked at once; the oldest window is dropped beyond it (memory bound). */
        @WithDefault("10000")
        int maxTracked();
    }
}
