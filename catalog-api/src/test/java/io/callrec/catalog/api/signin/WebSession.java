package io.callrec.catalog.api.signin;

import static io.callrec.catalog.support.KeycloakTestResource.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.callrec.catalog.support.AliceRecordings;
import io.callrec.catalog.support.KeycloakTestResource;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page's session with the identity provider, as the browser tests drive and check it: alice signing in with
 * Keycloak's form, the page's fetches, Quarkus' session cookie (q_session_web, in chunks when the tokens are large).
 */
final class WebSession {
    static final String COOKIE = "q_session_web";

    private WebSession() {
    }

    /** One of alice's recordings (AliceRecordings), once the provider's admin root reads it as available. */
    static UUID aliceRecordingAvailable(Instant start, String remoteNumber) {
        UUID id = AliceRecordings.publishAvailable(start, remoteNumber);
        String root = token(KeycloakTestResource.REALM, "root", "root-secret-1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(root)
                .get("/api/v1/recordings/{id}", id).then().statusCode(200).body("status", equalTo("available")));
        return id;
    }

    /** Signs alice in with Keycloak's login form, starting from the page's button; she is back on the page. */
    static void signInAsAlice(RemoteWebDriver driver, WebDriverWait wait, URL page) {
        driver.get(page.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-link"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("alice");
        driver.findElement(By.id("password")).sendKeys("alice-secret-1");
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        assertThat(driver.getCurrentUrl()).isEqualTo(page.toString());
        assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("alice");
    }

    /** The browser's session cookies (one, or its chunks) by name. */
    static Map<String, Cookie> cookies(RemoteWebDriver driver) {
        return driver.manage().getCookies().stream().filter(cookie -> cookie.getName().startsWith(COOKIE))
                .collect(Collectors.toMap(Cookie::getName, cookie -> cookie));
    }

    /** Name and value of each session cookie, as a client other than the browser sends them. */
    static Map<String, String> values(Map<String, Cookie> cookies) {
        return cookies.values().stream().collect(Collectors.toMap(Cookie::getName, Cookie::getValue));
    }

    /** The status of a fetch from the page (so with its cookies), init being fetch's options as JavaScript. */
    static long status(RemoteWebDriver driver, String url, String init) {
        return (Long) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], " + init + ").then(response => done(response.status));", url);
    }

    /**
     * A session that no longer holds: the browser, going to a page, is sent to the provider to sign in again
     * (back to /sign-in), while the page's own calls (X-Requested-With: JavaScript) get 499.
     */
    static void assertNoLongerHolds(Map<String, String> session, URL page) {
        given().redirects().follow(false).cookies(session).get("/api/v1/me").then()
                .statusCode(302).header("Location", startsWith(KeycloakTestResource.issuer(KeycloakTestResource.REALM)))
                .header("Location", containsString("redirect_uri=" + URLEncoder.encode(page + "sign-in",
                        StandardCharsets.UTF_8)));
        given().redirects().follow(false).cookies(session).header("X-Requested-With", "JavaScript")
                .get("/api/v1/me").then().statusCode(499);
    }
}
