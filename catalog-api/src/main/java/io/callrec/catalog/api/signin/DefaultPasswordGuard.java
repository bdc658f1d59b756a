package io.callrec.catalog.api.signin;

import io.callrec.catalog.config.SignInConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Refuses to start, outside dev and test, while a built-in user's password is a well-known one (admin/admin,
 * alice/alice, the user's own name, ...): such a service would be open to anyone who tries.
 */
@ApplicationScoped
public class DefaultPasswordGuard {
    private static final Logger LOG = Logger.getLogger(DefaultPasswordGuard.class);
    private static final List<String> KNOWN = List.of("admin", "alice", "bob", "pbx", "password", "changeme",
            "secret", "callrec", "123456", "12345678", "quarkus", "");

    void onStart(@Observes StartupEvent event, SignInConfig config) {
        List<String> weak = usersWithKnownPasswords(config.users());
        if (!weak.isEmpty() && !LaunchMode.current().isDevOrTest()) {
            String message = "Refusing to start: built-in user(s) " + weak + " have a well-known default password;"
                    + " set callrec.sign-in.users.<name>.password-hash to the bcrypt hash of a secret one";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    static List<String> usersWithKnownPasswords(Map<String, SignInConfig.BuiltInUser> users) {
        return users.entrySet().stream()
                .filter(user -> Stream.concat(Stream.of(user.getKey()), KNOWN.stream())
                        .anyMatch(guess -> PasswordHashes.matches(user.getValue().passwordHash(),
                                guess.toCharArray())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
