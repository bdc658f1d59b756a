package io.callrec.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * The local system's one login, {@value #USER}: a random password made on the first {@code up}, kept in the data
 * folder (owner-only file) and given to the catalog as a bcrypt hash; the catalog ships no password of its own.
 */
public record AdminLogin(String user, String password) {
    public static final String USER = "admin";
    private static final String FILE = "admin-password";
    private static final int BCRYPT_COST = 10;

    /** Reads the password kept in {@code dataDir}, or makes and keeps a new one. */
    public static AdminLogin inDataDir(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] random = new byte[18];
                new SecureRandom().nextBytes(random);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException raced) {
                    // Another launcher made it first: use theirs.
                }
            }
            return new AdminLogin(USER, Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin password in " + file, e);
        }
    }

    /** The catalog's configuration for this login. */
    public Map<String, String> catalogConfig() {
        return Map.of("callrec.sign-in.users." + user + ".password-hash", bcrypt(password),
                "callrec.sign-in.users." + user + ".roles", "admin");
    }

    private static String bcrypt(String password) {
        try {
            byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
            new SecureRandom().nextBytes(salt);
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT,
                    new WildFlyElytronPasswordProvider());
            return ModularCrypt.encodeAsString(factory.generatePassword(new EncryptablePasswordSpec(
                    password.toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(BCRYPT_COST, salt))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available", e);
        }
    }
}
