package io.callrec.catalog.api.signin;

import static io.callrec.catalog.api.signin.WebSession.aliceRecordingAvailable;
import static io.callrec.catalog.api.signin.WebSession.assertNoLongerHolds;
import static io.callrec.catalog.api.signin.WebSession.cookies;
import static io.callrec.catalog.api.signin.WebSession.signInAsAlice;
import static io.callrec.catalog.api.signin.WebSession.status;
import static io.callrec.catalog.api.signin.WebSession.values;
import static io.callrec.catalog.support.KeycloakTestResource.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.catalog.support.AliceRecordings;
import io.callrec.catalog.support.Browser;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.KeycloakTestResource;
import io.callrec.catalog.support.OidcProfile;
import io.callrec.contracts.Problem;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser, signing in with the identity provider (the oidc profile's "web" tenant against
 * the real Keycloak): Keycloak's own login form, then the page, its API calls and its audio all authenticated by
 * the session cookie alone, a session that ran out offering the sign-in again, and signing out ending the session.
 * Another site cannot use the session: a link to /sign-out signs nobody out, and the audio opened from another site
 * is refused and not audited.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
class WebSignInTest {
    private static final Instant START = Instant.parse("2025-07-09T10:11:12Z");
    // Keycloak renders its login page slowly the first time on a busy machine.
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CROSS_SITE_PROBLEM = "urn:callrec:problem:cross-site-request";

    @TestHTTPResource("/")
    URL page;

    @Test
    void aliceSignsInWithTheIdentityProviderHearsHerRecordingAndSignsOut() {
        String remoteNumber = "039" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        UUID alices = AliceRecordings.publishAvailable(START, remoteNumber);
        UUID someoneElses = UUID.randomUUID();
        Events.publish(Events.started(someoneElses, Events.randomDevice(), "1999", "Zed", remoteNumber, "Bob", "in",
                START));
        String root = token(KeycloakTestResource.REALM, "root", "root-secret-1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().auth().oauth2(root).get("/api/v1/recordings/{id}", someoneElses).then().statusCode(200);
            given().auth().oauth2(root).get("/api/v1/recordings/{id}", alices).then().statusCode(200)
                    .body("status", equalTo("available"));
        });

        try (Browser browser = Browser.start()) {
            RemoteWebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            signInAsAlice(driver, wait, page);
            Cookie session = cookies(driver).values().iterator().next();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Lax");
            assertThat((String) driver.executeScript("return document.cookie")).doesNotContain("q_session");

            driver.findElement(By.name("q")).sendKeys(remoteNumber);
            driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rows tr[data-id]"), 1));
            // The list may be drawn again between finding the row and clicking it (as in WebAppBrowserTest).
            wait.ignoring(StaleElementReferenceException.class).until(current -> {
                current.findElement(By.cssSelector("#rows tr[data-id='" + alices + "'] button.link")).click();
                return true;
            });
            wait.until(ExpectedConditions.attributeToBe(By.id("detail-fields"), "data-id", alices.toString()));
            // The <audio> element read the WAV with the cookie: it knows how long it is.
            await().atMost(WAIT).until(() -> number(driver,
                    "return document.getElementById('player').duration || 0") > 0);

            String audio = "/api/v1/recordings/" + alices + "/audio";
            assertThat(status(driver, audio, "{ headers: { Range: 'bytes=0-9' } }")).isEqualTo(206);
            assertThat(status(driver, driver.findElement(By.id("download")).getAttribute("href"), "{}"))
                    .isEqualTo(200);
            assertThat(status(driver, "/api/v1/recordings/" + someoneElses, "{}")).isEqualTo(404);

            // A session that can no longer be used (here: a cookie that is not one) brings the button back at the
            // next call; signing in again passes the provider's own session without its form.
            cookies(driver).values().forEach(driver.manage()::deleteCookie);
            driver.manage().addCookie(new Cookie.Builder(WebSession.COOKIE, "not-a-session").path("/").build());
            driver.findElement(By.id("tab-activity")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-link"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
            assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("alice");

            // A link to /sign-out (any site can make the browser follow one) signs nobody out; the page's button does.
            driver.get(page + "sign-out");
            driver.get(page.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
            assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("alice");
            driver.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-link")));
            assertThat(driver.getCurrentUrl()).startsWith(page.toString());
            assertThat(status(driver, "/api/v1/me", "{}")).isEqualTo(401);
        }
    }

    @Test
    void theAudioOpenedFromAnotherSiteIsRefusedAndNotAudited() {
        UUID alices = aliceRecordingAvailable(START, "038" + ThreadLocalRandom.current().nextInt(1_000_000,
                10_000_000));
        String root = token(KeycloakTestResource.REALM, "root", "root-secret-1");
        String audio = page + "api/v1/recordings/" + alices + "/audio";

        try (Browser browser = Browser.start()) {
            RemoteWebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            signInAsAlice(driver, wait, page);

            // A page of another site (127.0.0.1 is not the site localhost) sends the browser to the audio: a
            // top-level GET, which carries the Lax session cookie.
            driver.get(page.toString().replace("//localhost:", "//127.0.0.1:"));
            driver.executeScript("location.assign(arguments[0])", audio);
            wait.withMessage("the browser to show the refusal's problem document")
                    .until(shown -> Problem.MEDIA_TYPE.equals(driver.executeScript("return document.contentType")));
            assertThat(driver.findElement(By.tagName("body")).getText()).contains(CROSS_SITE_PROBLEM);

            // The same requests with the session cookie by hand, both kinds of read.
            Map<String, String> session = values(cookies(driver));
            assertThat(session).isNotEmpty();
            for (String read : List.of(audio, audio + "?download=true")) {
                given().redirects().follow(false).cookies(session).header("Sec-Fetch-Site", "cross-site").get(read)
                        .then().statusCode(403).contentType(Problem.MEDIA_TYPE).body("type", equalTo(CROSS_SITE_PROBLEM));
            }
            assertThat(auditActions(root, alices)).isEmpty();

            // From callrec's own page the same cookie reads it, in alice's name.
            given().redirects().follow(false).cookies(session).header("Sec-Fetch-Site", "same-origin")
                    .header("Range", "bytes=0-9").get(audio).then().statusCode(206);
            assertThat(auditActions(root, alices)).containsExactly("listen");
        }
    }

    @Test
    void aSessionThatNoLongerHoldsSendsTheBrowserToTheProviderButThePageGets499() {
        assertNoLongerHolds(Map.of(WebSession.COOKIE, "not-a-session"), page);
    }

    private static List<String> auditActions(String adminToken, UUID recording) {
        return given().auth().oauth2(adminToken).queryParam("recordingId", recording.toString()).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items.action", String.class);
    }

    private static double number(RemoteWebDriver driver, String script) {
        return ((Number) driver.executeScript(script)).doubleValue();
    }
}
