package io.callrec.catalog.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {
    private static final String HASH = "$2a$10$vHyIcvJ0nmmfMPH5eOvO2uyylUsCKlXRV3NyLcSEm8b8823zgHHwi";
    private static final String OTHER_HASH = "$2a$10$jYzMZ32SWbnX1dH8jtdjZuk0Yq0bQ9xuAPL2LPdOb.SJwZLOt4ZZq";

    private final VerifiedPasswords verified = new VerifiedPasswords(Duration.ofMinutes(5));

    @Test
    void aVerifiedPasswordIsRecognisedForItsUserOnly() {
        verified.remember("admin", HASH, "admin".toCharArray());

        assertThat(verified.remembers("admin", HASH, "admin".toCharArray())).isTrue();
        assertThat(verified.remembers("admin", HASH, "admin ".toCharArray())).isFalse();
        assertThat(verified.remembers("alice", HASH, "admin".toCharArray())).isFalse();
    }

    @Test
    void aChangedPasswordHashForgetsTheOldPassword() {
        verified.remember("admin", HASH, "admin".toCharArray());

        assertThat(verified.remembers("admin", OTHER_HASH, "admin".toCharArray())).isFalse();
    }

    @Test
    void aLaterLoginReplacesTheRememberedPassword() {
        verified.remember("admin", HASH, "old".toCharArray());
        verified.remember("admin", OTHER_HASH, "new".toCharArray());

        assertThat(verified.remembers("admin", HASH, "old".toCharArray())).isFalse();
        assertThat(verified.remembers("admin", OTHER_HASH, "new".toCharArray())).isTrue();
    }

    @Test
    void aLifetimeOfZeroRemembersNothing() {
        VerifiedPasswords none = new VerifiedPasswords(Duration.ZERO);
        none.remember("admin", HASH, "admin".toCharArray());

        assertThat(none.remembers("admin", HASH, "admin".toCharArray())).isFalse();
    }
}
