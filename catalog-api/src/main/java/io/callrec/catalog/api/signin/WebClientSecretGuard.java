package io.callrec.catalog.api.signin;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start when the web sign-in's client secret is shorter than 32 characters. Quarkus OIDC derives the key
 * of the sign-in's state cookie from that secret only when it is at least that long; otherwise each replica makes
 * up its own key, and a sign-in that the provider sends back to another replica behind the load balancer fails.
 */
@ApplicationScoped
public class WebClientSecretGuard {
    static final int MIN_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(WebClientSecretGuard.class);

    private final boolean webSignIn;
    private final Optional<String> secret;

    public WebClientSecretGuard(@ConfigProperty(name = "quarkus.oidc.web.tenant-enabled", defaultValue = "false")
                                boolean webSignIn,
                                @ConfigProperty(name = "quarkus.oidc.web.credentials.secret") Optional<String> secret) {
        this.webSignIn = webSignIn;
        this.secret = secret;
    }

    void onStart(@Observes StartupEvent event) {
        refusal(webSignIn, secret).ifPresent(message -> {
            LOG.error(message);
            throw new IllegalStateException(message);
        });
    }

    /** Why the service must not start with these settings, if it must not. */
    static Optional<String> refusal(boolean webSignIn, Optional<String> secret) {
        return secret.filter(value -> webSignIn && value.length() < MIN_LENGTH)
                .map(value -> "Refusing to start: the web sign-in's client secret (quarkus.oidc.web.credentials.secret,"
                        + " QUARKUS_OIDC_WEB_CREDENTIALS_SECRET) has " + value.length() + " characters; it needs at"
                        + " least " + MIN_LENGTH + ", or each replica encrypts the sign-in's state cookie with a key of"
                        + " its own and sign-ins that come back to another replica fail. Give the client a longer"
                        + " secret at the identity provider (Keycloak's are 32 characters).");
    }
}
