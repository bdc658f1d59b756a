package io.callrec.catalog.api.signin;

import java.security.GeneralSecurityException;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

/** Checks a password against a stored bcrypt hash (salted and slow: cost 10 takes ~0.1 s of CPU). */
final class PasswordHashes {
    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();

    private PasswordHashes() {
    }

    static boolean matches(String storedHash, char[] password) {
        try {
            Password stored = ModularCrypt.decode(storedHash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), PROVIDER);
            return factory.verify(factory.translate(stored), password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A built-in user's password-hash is not a bcrypt hash ($2a$...)", e);
        }
    }
}
