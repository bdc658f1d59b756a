package io.callrec.catalog.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebClientSecretGuardTest {
    private static final String THIRTY_ONE = "0123456789abcdef0123456789abcde";

    @Test
    void refusesWebSignInWithASecretShorterThan32Characters() {
        assertThat(WebClientSecretGuard.refusal(true, Optional.of(THIRTY_ONE))).hasValueSatisfying(message ->
                assertThat(message).startsWith("Refusing to start").contains("QUARKUS_OIDC_WEB_CREDENTIALS_SECRET")
                        .contains("has 31 characters").contains("at least 32"));
    }

    @Test
    void acceptsASecretOf32CharactersOrMore() {
        assertThat(WebClientSecretGuard.refusal(true, Optional.of(THIRTY_ONE + "f"))).isEmpty();
        assertThat(WebClientSecretGuard.refusal(true, Optional.of(THIRTY_ONE.repeat(3)))).isEmpty();
    }

    @Test
    void saysNothingWithoutWebSignInOrWithoutThisSecret() {
        assertThat(WebClientSecretGuard.refusal(false, Optional.of("short"))).isEmpty();
        // Without this setting (a signed JWT or a vault instead) there is no secret here to measure.
        assertThat(WebClientSecretGuard.refusal(true, Optional.empty())).isEmpty();
    }
}
