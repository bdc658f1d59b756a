package io.callrec.catalog.api.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.ServiceProcess;
import io.callrec.stack.StackStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged catalog, in the prod profile, will not serve a well-known password. */
class DefaultPasswordRefusalIT {
    /** bcrypt of "admin", cost 10. */
    private static final String ADMIN_ADMIN = "$2a$10$vHyIcvJ0nmmfMPH5eOvO2uyylUsCKlXRV3NyLcSEm8b8823zgHHwi";

    @Test
    void refusesToStartWithAdminAdmin() throws Exception {
        Map<String, String> config = new HashMap<>(CallrecStackTestResource.stack().serviceConfig());
        config.put("callrec.sign-in.users.admin.password-hash", ADMIN_ADMIN);
        config.put("callrec.sign-in.users.admin.roles", "admin");
        Path logs = Files.createDirectories(Path.of("target", "default-password-refusal"));

        assertThatThrownBy(() -> ServiceProcess.start(Path.of("..").toAbsolutePath().normalize(), "catalog-api",
                "catalog-admin-admin", 0, 0, config, logs, Duration.ofSeconds(90)).close())
                .isInstanceOf(StackStartException.class);

        assertThat(Files.readString(logs.resolve("catalog-admin-admin.log")))
                .contains("Refusing to start: built-in user(s) [admin] have a well-known default password");
    }
}
