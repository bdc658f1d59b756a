package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.callrec.contracts.CallDirection;
import io.callrec.contracts.Codec;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentCall;
import io.callrec.catalog.support.Browser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real browser (Debian's chromium through chromium-driver) against the whole system started as
 * {@code ./callrec up} starts it, with calls made by simulated phones. The steps build on each other: a user logs
 * in, filters, plays with seeking, uploads a USB file and protects a recording; the admin holds, deletes, edits
 * groups and settings, uploads a stereo capture and a 10-minute recording (seeked near its end with a Range
 * request), switches to Japanese and watches a call live. Each screen is saved to docs/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppBrowserTest {
    private static final String USER = "mei";
    private static final String USER_PASSWORD = "Mei-plays-7";
    // bcrypt of USER_PASSWORD (htpasswd -nbBC 10 '' 'Mei-plays-7' | cut -d: -f2)
    private static final String USER_PASSWORD_HASH = "$2y$10$xlEc7609dBomVTs9TseNner7RT0P3jFtzY51pJfyHbQuKLuBudQ8G";
    private static final String USER_DEVICE = "0c:38:3e:00:30:01";
    private static final String OTHER_DEVICE = "0c:38:3e:00:30:02";
    private static final long CALL_MILLIS = 8_000;
    private static final long PLAYED_CALL_MILLIS = 20_000;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path UPLOADS = Path.of("target/browser-upload").toAbsolutePath();
    private static final String USB_FIXTURES = "../../transcoder/src/test/resources/imports/usb/";
    private static final int LONG_RECORDING_SECONDS = 10 * 60;
    private static final Path SCREENSHOTS = Path.of("../../docs/screenshots").toAbsolutePath().normalize();

    private static CallrecSystem system;
    private static CatalogAccess catalog;
    private static Browser chromium;
    private static RemoteWebDriver browser;
    private static WebDriverWait wait;
    private static String userRecordingId;
    private static String otherRecordingId;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startTheSystemAndTheBrowser() throws Exception {
        system = CallrecSystem.start(new LauncherOptions(Path.of("../..").toAbsolutePath().normalize(), dataDir,
                0, 0, 0, 0, 0, 0, 18300, 18399, 0, 0, 0), Map.of(CallrecSystem.CATALOG, Map.of(
                "callrec.sign-in.users." + USER + ".password-hash", USER_PASSWORD_HASH,
                "callrec.sign-in.users." + USER + ".roles", "user",
                "callrec.access.users.\"" + USER + "\".devices", USER_DEVICE,
                // What the test reads to see that the browser streamed the audio with Range requests.
                "quarkus.http.access-log.enabled", "true",
                "quarkus.http.access-log.pattern", "access %m %U %s range=%{i,Range}")));
        catalog = new CatalogAccess(system);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        CallPlan mine = plan("web-" + tag + "-mine", USER_DEVICE, "2001", "王美玲", "0312345678", "山田太郎",
                PLAYED_CALL_MILLIS);
        CallPlan other = plan("web-" + tag + "-other", OTHER_DEVICE, "2002", "Ola Nordmann", "0398765432", "Kim",
                CALL_MILLIS);
        try (CallsInFlight calls = CallsInFlight.start(system, List.of(mine, other))) {
            for (SentCall call : calls.awaitAll(Duration.ofMillis(PLAYED_CALL_MILLIS).plusSeconds(60))) {
                assertThat(call.succeeded()).as(call.failureReason()).isTrue();
            }
        }
        userRecordingId = available(mine).path("id").asText();
        otherRecordingId = available(other).path("id").asText();

        chromium = Browser.start();
        browser = chromium.driver();
        wait = new WebDriverWait(browser, WAIT);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void aUserLogsInAndSeesOnlyHerRecordingsWithFilters() throws IOException {
        browser.get(system.catalogUrl() + "/");
        screenshot("login");
        logIn(USER, USER_PASSWORD);

        awaitRows(1);
        assertThat(rowsText()).contains("王美玲").contains("山田太郎").contains("PCMA").doesNotContain("Ola Nordmann");
        filter("q", "山田");
        awaitRows(1);
        filter("q", "nobody-has-this-name");
        awaitText(By.id("rows"), "No recordings match.");
        browser.findElement(By.cssSelector("#filters button[type=reset]")).click();
        new Select(browser.findElement(By.name("direction"))).selectByValue("out");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        awaitRows(1);
        screenshot("user-recordings");
    }

    @Test
    @Order(2)
    void playbackStreamsWithRangeRequestsAndSeeksByClickingTheWaveform() throws IOException {
        openRecording(userRecordingId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("waveform")));
        browser.findElement(By.id("play-pause")).click();
        await().atMost(WAIT).until(() -> currentTime() > 1.0);

        WebElement waveform = browser.findElement(By.id("waveform"));
        new Actions(browser).moveToElement(waveform, waveform.getSize().getWidth() / 4, 0).click().perform();
        // Played from about 1 s, the audio is at three quarters (15 s) at once only because the click seeked.
        await().atMost(Duration.ofSeconds(2)).until(() -> currentTime() >= 14.0);
        double afterSeek = currentTime();
        await().atMost(WAIT).until(() -> currentTime() > afterSeek);

        waveform.sendKeys(Keys.SPACE);
        await().atMost(WAIT).until(() -> bool("return document.getElementById('player').paused"));
        double paused = currentTime();
        waveform.sendKeys(Keys.ARROW_LEFT);
        await().atMost(WAIT).until(() -> Math.abs(currentTime() - (paused - 5)) < 0.5);
        assertThat(number("return document.getElementById('player').playbackRate")).isEqualTo(1.0);
        new Select(browser.findElement(By.id("speed"))).selectByValue("1.5");
        assertThat(number("return document.getElementById('player').playbackRate")).isEqualTo(1.5);
        waveform.sendKeys(Keys.SPACE);
        await().atMost(WAIT).until(() -> !bool("return document.getElementById('player').paused"));
        screenshot("player");

        List<String> audioReads = Files.readAllLines(system.service(CallrecSystem.CATALOG).log()).stream()
                .filter(line -> line.contains("/api/v1/recordings/" + userRecordingId + "/audio")).toList();
        assertThat(audioReads).anySatisfy(line -> assertThat(line).contains(" 206 ").contains("range=bytes="));
    }

    @Test
    @Order(3)
    void anUploadedUsbFileBecomesAnAvailableRecording() throws IOException {
        Path file = UPLOADS.resolve("Record_20251123143015.wav");
        Files.createDirectories(UPLOADS);
        Files.copy(Path.of(USB_FIXTURES + "pcma-rtp-le.wav"), file, StandardCopyOption.REPLACE_EXISTING);
        upload("usb-upload", file);

        WebElement upload = uploaded(file);
        assertThat(upload.getText()).contains("PCMA").contains("1 channel");
        screenshot("upload");
        upload.findElement(By.cssSelector("button.link")).click();
        awaitText(By.id("detail-fields"), "PCMA");
    }

    @Test
    @Order(4)
    void aUserProtectsHerRecordingAndSeesItInHerActivity() throws IOException {
        openRecording(userRecordingId);
        awaitText(By.id("detail-audit"), "listen");
        WebElement protect = browser.findElement(By.id("protect"));
        assertThat(protect.getText()).isEqualTo("Protect");
        protect.click();
        wait.until(ExpectedConditions.textToBe(By.id("protect"), "Unprotect"));
        assertThat(browser.findElement(By.id("delete")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("hold")).isDisplayed()).isFalse();
        screenshot("detail");
        browser.findElement(By.id("tab-activity")).click();
        awaitText(By.id("activity-rows"), "protect");
        assertThat(browser.findElement(By.id("activity-rows")).getText()).contains("listen").contains("import");
        assertThat(browser.findElements(By.id("tab-audit")).get(0).isDisplayed()).isFalse();
        screenshot("user-activity");
        browser.findElement(By.id("logout")).click();
    }

    @Test
    @Order(5)
    void theAdminSeesEverythingHoldsAndDeletesWithConfirmation() throws Exception {
        logIn(system.admin().user(), system.admin().password());
        awaitText(By.id("rows"), "Ola Nordmann");
        assertThat(rowsText()).contains("王美玲");
        screenshot("admin-recordings");

        openRecording(otherRecordingId);
        browser.findElement(By.id("hold")).click();
        wait.until(ExpectedConditions.textToBe(By.id("hold"), "Lift legal hold"));
        assertThat(browser.findElement(By.id("delete")).isEnabled()).isFalse();
        assertThat(catalog.get("/api/v1/recordings/" + otherRecordingId).path("legalHold").asBoolean()).isTrue();
        screenshot("admin-legal-hold");
        browser.findElement(By.id("hold")).click();
        wait.until(ExpectedConditions.textToBe(By.id("hold"), "Legal hold"));

        wait.until(ExpectedConditions.elementToBeClickable(By.id("delete"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-delete")));
        screenshot("confirm-delete");
        browser.findElement(By.id("confirm-yes")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("detail")));
        await().atMost(WAIT).until(() -> !rowsText().contains("Ola Nordmann"));
        assertThat(catalog.status("/api/v1/recordings/" + otherRecordingId)).isEqualTo(404);

        browser.findElement(By.id("tab-audit")).click();
        awaitText(By.id("audit-rows"), "delete");
        browser.findElement(By.id("verify-audit")).click();
        awaitText(By.id("audit-verification"), "Intact");
        screenshot("admin-audit");
    }

    @Test
    @Order(6)
    void theAdminEditsAGroupAndTheRetention() throws IOException {
        browser.findElement(By.id("tab-groups")).click();
        WebElement form = browser.findElement(By.id("group-form"));
        form.findElement(By.name("user")).sendKeys(USER);
        form.findElement(By.name("devices")).sendKeys("0C383E003003");
        form.findElement(By.name("extensions")).sendKeys("2003, 2004");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        awaitText(By.id("group-rows"), "0c:38:3e:00:30:03");
        screenshot("admin-groups");

        browser.findElement(By.id("tab-settings")).click();
        WebElement days = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("days")));
        days.clear();
        days.sendKeys("90");
        browser.findElement(By.cssSelector("#retention button[type=submit]")).click();
        awaitText(By.id("retention-status"), "Saved.");
    }

    @Test
    @Order(7)
    void theAdminSetsATraceLevel() throws IOException {
        // Showing the tab loads the levels again and renders new fields: a field found before that is replaced.
        List<WebElement> shownBefore = browser.findElements(By.name("converting"));
        browser.findElement(By.id("tab-settings")).click();
        if (!shownBefore.isEmpty()) {
            wait.until(ExpectedConditions.stalenessOf(shownBefore.get(0)));
        }
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("converting"))))
                .selectByValue("DEBUG");
        browser.findElement(By.cssSelector("#trace-levels button[type=submit]")).click();
        awaitText(By.id("trace-status"), "Saved.");
        screenshot("admin-settings");
    }

    @Test
    @Order(8)
    void aStereoCaptureShowsBothChannels() throws IOException {
        Path capture = UPLOADS.resolve("call.pcap");
        Files.createDirectories(UPLOADS);
        Files.copy(Path.of("../../transcoder/src/test/resources/imports/pcap/call.pcap"), capture,
                StandardCopyOption.REPLACE_EXISTING);
        upload("pcap-upload", capture);
        WebElement upload = uploaded(capture);
        assertThat(upload.getText()).contains("PCMA").contains("2 channel");
        upload.findElement(By.cssSelector("button.link")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("waveform"), "data-channels", "2"));
        screenshot("recording-stereo");
    }

    @Test
    @Order(9)
    void aLongRecordingSeeksNearItsEndWithARangeRequest() throws Exception {
        Path file = UPLOADS.resolve("Record_20251124090000.wav");
        Files.createDirectories(UPLOADS);
        Files.write(file, longUsbRecording(LONG_RECORDING_SECONDS));
        upload("usb-upload", file);
        String shownBefore = browser.findElement(By.id("detail-fields")).getAttribute("data-id");
        uploaded(file).findElement(By.cssSelector("button.link")).click();
        String id = wait.until(driver -> {
            String shown = driver.findElement(By.id("detail-fields")).getAttribute("data-id");
            return shown == null || shown.isEmpty() || shown.equals(shownBefore) ? null : shown;
        });
        long size = catalog.get("/api/v1/recordings/" + id).path("sizeBytes").asLong();
        assertThat(size).isPositive();

        WebElement waveform = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("waveform")));
        browser.findElement(By.id("play-pause")).click();
        await().atMost(WAIT).until(() -> currentTime() > 0.5);
        await().atMost(WAIT).until(() -> number("return document.getElementById('player').duration || 0")
                >= LONG_RECORDING_SECONDS - 1);
        new Actions(browser).moveToElement(waveform, waveform.getSize().getWidth() * 4 / 10, 0).click().perform();
        double target = LONG_RECORDING_SECONDS * 0.9;
        await().atMost(WAIT).until(() -> Math.abs(currentTime() - target) < 5);
        double afterSeek = currentTime();
        await().atMost(WAIT).until(() -> currentTime() > afterSeek + 0.5);

        // The browser read on from the new position: a 206 to a Range that starts past the file's first half, where
        // the audio it had buffered from the beginning ends.
        Pattern rangeFromTheMiddle = Pattern.compile(" 206 range=bytes=([1-9][0-9]*)-");
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                Files.readAllLines(system.service(CallrecSystem.CATALOG).log()).stream()
                        .filter(line -> line.contains("/api/v1/recordings/" + id + "/audio"))
                        .map(rangeFromTheMiddle::matcher)
                        .filter(Matcher::find)
                        .map(range -> Long.parseLong(range.group(1))))
                .anySatisfy(start -> assertThat(start).isGreaterThan(size / 2)));
        browser.findElement(By.id("play-pause")).click();
    }

    @Test
    @Order(10)
    void theLanguageSwitchesToJapanese() throws IOException {
        browser.findElement(By.id("tab-recordings")).click();
        new Select(browser.findElement(By.id("language"))).selectByValue("ja");
        wait.until(ExpectedConditions.textToBe(By.id("tab-recordings"), "録音"));
        awaitText(By.id("page-info"), "件");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        screenshot("japanese");
        new Select(browser.findElement(By.id("language"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBe(By.id("tab-recordings"), "Recordings"));
    }

    @Test
    @Order(11)
    void theLiveViewShowsACallWhileItIsInProgress() throws Exception {
        browser.findElement(By.id("tab-live")).click();
        awaitText(By.id("live-state"), "in progress");
        CallPlan live = plan("web-live-" + UUID.randomUUID().toString().substring(0, 8), USER_DEVICE, "2001",
                "王美玲", "0311112222", "佐藤一郎", CALL_MILLIS);
        try (CallsInFlight calls = CallsInFlight.start(system, List.of(live))) {
            awaitText(By.id("live-groups"), "佐藤一郎");
            assertThat(browser.findElement(By.id("live-groups")).getText()).contains("PCMA").contains("Ingest");
            screenshot("admin-live");
            assertThat(calls.awaitAll(Duration.ofMillis(CALL_MILLIS).plusSeconds(60)).get(0).succeeded()).isTrue();
        }
        await().atMost(WAIT).until(() -> !browser.findElement(By.id("live-groups")).getText().contains("佐藤一郎"));
    }

    @Test
    @Order(12)
    void thePageFitsAPhoneScreen() throws IOException {
        browser.findElement(By.id("tab-recordings")).click();
        browser.manage().window().setSize(new Dimension(360, 800));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#rows tr[data-id]"), 1));
        assertThat(number("return document.documentElement.clientWidth")).isLessThanOrEqualTo(360);
        assertThat(number("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(
                number("return document.documentElement.clientWidth"));
        screenshot("phone");
    }

    private static CallPlan plan(String sessionId, String device, String localNumber, String localName,
                                 String remoteNumber, String remoteName, long millis) {
        return new CallPlan(sessionId, device, Codec.PCMA, CallDirection.OUT,
                new CallParties(localNumber, localName, remoteNumber, remoteName), millis, Impairments.NONE, 7);
    }

    /**
     * A phone USB file ("Local Recording File Format": codec name, unit length, timestamp increment, data size,
     * then whole RTP packets of 20 ms PCMA) of the given length, the fixture's speech over and over.
     */
    private static byte[] longUsbRecording(int seconds) throws IOException {
        byte[] speech = Files.readAllBytes(Path.of(USB_FIXTURES + "speech.alaw"));
        int payload = 160;
        int unit = 12 + payload;
        int packets = seconds * 50;
        ByteBuffer file = ByteBuffer.allocate(64 + 12 + packets * unit).order(ByteOrder.LITTLE_ENDIAN);
        file.put(Arrays.copyOf("PCMA".getBytes(StandardCharsets.US_ASCII), 64));
        file.putInt(unit).putInt(payload).putInt(packets * unit);
        for (int packet = 0; packet < packets; packet++) {
            // RTP headers are big-endian whatever the file's order.
            file.order(ByteOrder.BIG_ENDIAN).put((byte) 0x80).put((byte) (packet == 0 ? 0x88 : 0x08))
                    .putShort((short) packet).putInt(packet * payload).putInt(0x10C0FFEE);
            int from = (packet * payload) % (speech.length - speech.length % payload);
            file.put(speech, from, payload);
        }
        return file.array();
    }

    private static void upload(String form, Path file) {
        browser.findElement(By.id("tab-upload")).click();
        browser.findElement(By.cssSelector("#" + form + " input[name=file]")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    /** The upload of that file once its import completed; earlier uploads stay listed below it. */
    private static WebElement uploaded(Path file) {
        return new WebDriverWait(browser, Duration.ofSeconds(120)).until(driver ->
                driver.findElements(By.cssSelector("#uploads li.upload[data-status=completed]")).stream()
                        .filter(item -> item.findElement(By.tagName("strong")).getText()
                                .equals(file.getFileName().toString()))
                        .findFirst().orElse(null));
    }

    private static JsonNode available(CallPlan plan) {
        return catalog.awaitRecording(plan, Duration.ofSeconds(60), r -> "available".equals(r.path("status").asText()));
    }

    private static void logIn(String user, String password) {
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        form.findElement(By.name("user")).sendKeys(user);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    }

    private static void filter(String name, String value) {
        WebElement input = browser.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    }

    private static void openRecording(String id) {
        browser.findElement(By.id("tab-recordings")).click();
        // The list may be drawn again between finding the row and clicking it: find it again then.
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(By.cssSelector("#rows tr[data-id='" + id + "'] button.link")).click();
            return true;
        });
        wait.until(ExpectedConditions.attributeToBe(By.id("detail-fields"), "data-id", id));
    }

    private static void awaitRows(int count) {
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#rows tr[data-id]"), count));
    }

    private static void awaitText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private static String rowsText() {
        return browser.findElement(By.id("rows")).getText();
    }

    private static double number(String script) {
        return ((Number) browser.executeScript(script)).doubleValue();
    }

    private static double currentTime() {
        return number("return document.getElementById('player').currentTime");
    }

    private static boolean bool(String script) {
        return Boolean.TRUE.equals(browser.executeScript(script));
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"),
                browser.getScreenshotAs(OutputType.BYTES));
    }
}
