package io.callrec.catalog.api.signin;

import io.callrec.catalog.config.SignInConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP Basic logins against the built-in users ({@code callrec.sign-in.users}), throttled per user and source
 * address by {@link LoginThrottle}. The bcrypt check runs on a worker thread: it costs ~0.1 s of CPU, so a password
 * it accepted is then recognised by {@link VerifiedPasswords} for a while.
 */
@ApplicationScoped
public class BuiltInIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final SignInConfig config;
    private final LoginThrottle throttle;
    private final VerifiedPasswords verified;

    public BuiltInIdentityProvider(SignInConfig config, LoginThrottle throttle) {
        this.config = config;
        this.throttle = throttle;
        this.verified = new VerifiedPasswords(config.verifiedPasswordLifetime());
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String user = request.getUsername();
        String address = sourceAddress(request);
        return context.runBlocking(() -> {
            throttle.waitBefore(user, address).ifPresent(wait -> {
                throw new AuthenticationFailedException(new LoginThrottledException(wait));
            });
            SignInConfig.BuiltInUser known = config.users().get(user);
            char[] password = request.getPassword().getPassword();
            if (known == null || !matches(user, known.passwordHash(), password)) {
                throttle.failed(user, address);
                throw new AuthenticationFailedException();
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(user))
                    .addRoles(Set.copyOf(known.roles()))
                    .build();
        });
    }

    private boolean matches(String user, String storedHash, char[] password) {
        if (verified.remembers(user, storedHash, password)) {
            return true;
        }
        boolean matches = PasswordHashes.matches(storedHash, password);
        if (matches) {
            verified.remember(user, storedHash, password);
        }
        return matches;
    }

    private static String sourceAddress(UsernamePasswordAuthenticationRequest request) {
        return Optional.ofNullable(HttpSecurityUtils.getRoutingContextAttribute(request))
                .map(RoutingContext::request)
                .map(r -> r.remoteAddress() == null ? null : r.remoteAddress().hostAddress())
                .orElse("unknown");
    }
}
