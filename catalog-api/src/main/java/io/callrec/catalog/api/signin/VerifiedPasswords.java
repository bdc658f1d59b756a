package io.callrec.catalog.api.signin;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The password each built-in user last signed in with, remembered for a while as a keyed hash (HMAC-SHA256 under a
 * random key that lives only in this process). HTTP Basic sends the password with every request and bcrypt costs
 * ~0.1 s of CPU, so a client polling the API would otherwise keep a core busy; a remembered password is checked in
 * microseconds. The hash covers the stored bcrypt hash too, so a changed password forgets the old one.
 */
final class VerifiedPasswords {
    private static final String ALGORITHM = "HmacSHA256";

    private final Duration lifetime;
    private final SecretKeySpec key;
    private final Map<String, Remembered> byUser = new ConcurrentHashMap<>();

    private record Remembered(byte[] mac, Instant until) {
    }

    /** @param lifetime how long a verified password is remembered; zero remembers none */
    VerifiedPasswords(Duration lifetime) {
        this.lifetime = lifetime;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** Whether {@code user} signed in with this password, against this stored hash, within the lifetime. */
    boolean remembers(String user, String storedHash, char[] password) {
        Remembered remembered = byUser.get(user);
        return remembered != null && Instant.now().isBefore(remembered.until())
                && MessageDigest.isEqual(remembered.mac(), mac(user, storedHash, password));
    }

    /** Notes a password bcrypt has just accepted (one entry per configured user, so the map stays small). */
    void remember(String user, String storedHash, char[] password) {
        if (!lifetime.isZero() && !lifetime.isNegative()) {
            byUser.put(user, new Remembered(mac(user, storedHash, password), Instant.now().plus(lifetime)));
        }
    }

    private byte[] mac(String user, String storedHash, char[] password) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((user + '\0' + storedHash + '\0').getBytes(StandardCharsets.UTF_8));
            mac.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
