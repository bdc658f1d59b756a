package io.callrec.catalog.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.callrec.catalog.config.SignInConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultPasswordGuardTest {
    private static final String ADMIN_ADMIN = "$2a$10$vHyIcvJ0nmmfMPH5eOvO2uyylUsCKlXRV3NyLcSEm8b8823zgHHwi";
    private static final String ALICE_ALICE = "$2a$10$jYzMZ32SWbnX1dH8jtdjZuk0Yq0bQ9xuAPL2LPdOb.SJwZLOt4ZZq";

    @Test
    void findsUsersWhosePasswordIsAWellKnownDefault() {
        assertThat(DefaultPasswordGuard.usersWithKnownPasswords(Map.of("admin", user(ADMIN_ADMIN),
                "carol", user(ALICE_ALICE)))).containsExactly("admin", "carol");
    }

    @Test
    void leavesUsersWithSecretPasswordsAlone() {
        // bcrypt of "Wq3-ut8!vRr0", cost 10
        assertThat(DefaultPasswordGuard.usersWithKnownPasswords(Map.of("admin",
                user("$2a$10$ZEVYsj47bgxBTD/rEdEWJedzK7HtGOQ9egdiAq2cVFeLKWz40F8Qe")))).isEmpty();
    }

    private static SignInConfig.BuiltInUser user(String hash) {
        return new SignInConfig.BuiltInUser() {
            @Override
            public String passwordHash() {
                return hash;
            }

            @Override
            public List<String> roles() {
                return List.of("admin");
            }
        };
    }
}
