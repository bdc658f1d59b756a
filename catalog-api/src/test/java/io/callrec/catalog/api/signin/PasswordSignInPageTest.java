package io.callrec.catalog.api.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.callrec.catalog.support.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** With built-in users the web page offers the name-and-password form, not the identity provider's button. */
@QuarkusTest
class PasswordSignInPageTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL page;

    @Test
    void thePageOffersThePasswordFormAndLogsAliceIn() {
        given().get("/api/v1/sign-in").then().statusCode(200).body("method", equalTo("password"));

        try (Browser browser = Browser.start()) {
            RemoteWebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            driver.get(page.toString());
            WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
            assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isFalse();
            form.findElement(By.name("user")).sendKeys("alice");
            form.findElement(By.name("password")).sendKeys("alice");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
            assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo("alice");

            driver.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        }
    }
}
