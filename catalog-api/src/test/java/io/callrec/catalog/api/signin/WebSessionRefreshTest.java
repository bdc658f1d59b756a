package io.callrec.catalog.api.signin;

import static io.callrec.catalog.api.signin.WebSession.aliceRecordingAvailable;
import static io.callrec.catalog.api.signin.WebSession.assertNoLongerHolds;
import static io.callrec.catalog.api.signin.WebSession.cookies;
import static io.callrec.catalog.api.signin.WebSession.signInAsAlice;
import static io.callrec.catalog.api.signin.WebSession.status;
import static io.callrec.catalog.api.signin.WebSession.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callrec.catalog.support.Browser;
import io.callrec.catalog.support.KeycloakTestResource;
import io.callrec.catalog.support.OidcProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web session outlives its tokens (10 s in the test realm) while the provider's session lasts: after they
 * expired the page still works in alice's name, on a renewed session cookie; once she signed out at the provider, the
 * renewal fails and the page offers the sign-in again.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
class WebSessionRefreshTest {
    private static final Instant START = Instant.parse("2025-07-10T08:09:10Z");
    // Keycloak renders its login page slowly the first time on a busy machine.
    private static final Duration WAIT = Duration.ofSeconds(60);
    // The realm's web tokens live 10 s; the cookie's expiry is read to the second.
    private static final Duration EXPIRY_WITHIN = Duration.ofSeconds(15);
    // The page's calls say so (js/api.js): a session that cannot be renewed answers them 499, not a redirect.
    private static final String PAGE_CALL = "{ headers: { 'X-Requested-With': 'JavaScript' } }";

    @TestHTTPResource("/")
    URL page;

    @ConfigProperty(name = "quarkus.oidc.web.authentication.session-age-extension")
    Duration sessionAgeExtension;

    @Test
    void alicesSessionIsRenewedWhenHerTokensExpire() {
        UUID alices = aliceRecordingAvailable(START, "037" + ThreadLocalRandom.current().nextInt(1_000_000,
                10_000_000));

        try (Browser browser = Browser.start()) {
            RemoteWebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            signInAsAlice(driver, wait, page);
            Map<String, Cookie> signedIn = cookies(driver);
            awaitTokensExpired(signedIn);

            // A call as the page makes them: a session that could not be renewed would get 499 (a reload would go
            // through the provider's still open session and pass without any renewal).
            assertThat(status(driver, "/api/v1/recordings/" + alices, PAGE_CALL)).isEqualTo(200);
            Map<String, Cookie> renewed = cookies(driver);
            assertThat(values(renewed)).isNotEmpty().isNotEqualTo(values(signedIn));
            assertThat(expiry(renewed)).isAfter(expiry(signedIn));
        }
    }

    @Test
    void onceTheProvidersSessionEndedTheRenewalFailsAndThePageOffersTheSignIn() {
        try (Browser browser = Browser.start()) {
            RemoteWebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            signInAsAlice(driver, wait, page);
            Map<String, Cookie> signedIn = cookies(driver);

            // She signs out at the provider itself, in another tab (as from another application using it); the
            // page stays open and callrec is not told.
            String pageTab = driver.getWindowHandle();
            driver.switchTo().newWindow(WindowType.TAB)
                    .get(KeycloakTestResource.issuer(KeycloakTestResource.REALM) + "/protocol/openid-connect/logout");
            WebElement confirm = wait.until(ExpectedConditions.elementToBeClickable(By.id("kc-logout")));
            confirm.click();
            wait.until(ExpectedConditions.stalenessOf(confirm));
            driver.close();
            driver.switchTo().window(pageTab);
            awaitTokensExpired(signedIn);

            driver.findElement(By.id("tab-activity")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-link")));
            assertNoLongerHolds(values(signedIn), page);
        }
    }

    /**
     * Waits until the tokens in this session cookie have expired. Quarkus gives the cookie the ID token's lifespan
     * plus the session-age extension from the moment it sets it, after the token was issued: the expiry minus the
     * extension is at or after the token's. The browser tells the expiry to the second, hence the second added.
     */
    private void awaitTokensExpired(Map<String, Cookie> session) {
        Instant tokensExpired = expiry(session).minus(sessionAgeExtension).plusSeconds(1);
        await().atMost(EXPIRY_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(tokensExpired));
    }

    private static Instant expiry(Map<String, Cookie> session) {
        return session.values().stream().map(cookie -> cookie.getExpiry().toInstant()).min(Instant::compareTo)
                .orElseThrow(() -> new AssertionError("no session cookie"));
    }
}
