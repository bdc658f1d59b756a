package io.callrec.catalog.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Debian's chromium, headless and in English, driven through chromium-driver (both installed by ./callrec test).
 * The driver binds a port of the kernel's choosing ({@code --port=0}) and prints it, so no port is picked first and
 * released for another process to take. Audio plays without a click first (and silently). The launcher's
 * WebAppBrowserTest uses it too, through this module's test-jar.
 */
public final class Browser implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");
    private static final long START_WITHIN_SECONDS = 30;

    private final Process chromedriver;
    private final RemoteWebDriver driver;

    private Browser(Process chromedriver, RemoteWebDriver driver) {
        this.chromedriver = chromedriver;
        this.driver = driver;
    }

    public static Browser start() {
        Process chromedriver;
        try {
            chromedriver = new ProcessBuilder("/usr/bin/chromedriver", "--port=0").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("chromedriver did not start", e);
        }
        try {
            int port = announcedPort(chromedriver);
            ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                    .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US",
                            "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--window-size=1280,1000");
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
            return new Browser(chromedriver, new RemoteWebDriver(new URL("http://127.0.0.1:" + port), options));
        } catch (IOException | RuntimeException e) {
            chromedriver.destroyForcibly();
            throw new IllegalStateException("chromedriver did not come up: " + e.getMessage(), e);
        }
    }

    /** The port chromedriver says it listens on; its output is read to the end so that it never blocks writing. */
    private static int announcedPort(Process chromedriver) throws IOException {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(chromedriver.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher started = STARTED.matcher(line);
                    if (started.find()) {
                        port.complete(Integer.parseInt(started.group(1)));
                    }
                }
                port.completeExceptionally(new IOException("chromedriver exited without a port"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "chromedriver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(START_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no port announced within " + START_WITHIN_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting chromedriver");
        }
    }

    public RemoteWebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            chromedriver.destroy();
        }
    }
}
