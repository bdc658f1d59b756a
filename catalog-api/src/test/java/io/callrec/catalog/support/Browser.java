package io.callrec.catalog.support;

import java.io.File;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless and in English, driven through chromium-driver (both installed by ./callrec test),
 * started as the launcher's WebAppBrowserTest starts it.
 */
public final class Browser implements AutoCloseable {
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    public static Browser start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US",
                        "--mute-audio", "--window-size=1280,1000");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        return new Browser(service, new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
