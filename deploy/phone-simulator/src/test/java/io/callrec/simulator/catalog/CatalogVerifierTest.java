package io.callrec.simulator.catalog;

import io.callrec.contracts.Codec;
import io.callrec.simulator.TestPlans;
import io.callrec.simulator.call.CallEnding;
import io.callrec.simulator.call.CallPlan;
import io.callrec.contracts.CallDirection;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentCall;
import io.callrec.simulator.call.StreamStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CatalogVerifierTest {
    private static final String TAG = "callrec-sim-0badf00d";

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private FakeCatalog catalog;

    @BeforeEach
    void startCatalog() throws IOException {
        catalog = new FakeCatalog();
    }

    @AfterEach
    void stopCatalog() {
        catalog.close();
    }

    @Test
    void waitsForEveryRecordingAndMeasuresStopToAvailableLatency() throws Exception {
        SentCall first = stoppedCall("s1", "0c:38:3e:00:00:01");
        SentCall second = stoppedCall("s2", "0c:38:3e:00:00:02");
        try (CatalogVerifier verifier = verifier(Optional.empty(), "")) {
            verifier.expect(first);
            verifier.expect(second);
            catalog.add("r1", "s1", "0c:38:3e:00:00:01", "available", 1000, 50, 0, 0, "normal", TAG + " #1");
            // The second becomes available a few polls later.
            await().atMost(Duration.ofSeconds(5)).until(() -> catalog.queries().size() >= 2);
            catalog.add("r2", "s2", "0c:38:3e:00:00:02", "available", 1000, 50, 0, 0, "normal", TAG + " #2");

            VerificationReport report = verifier.awaitAll(Duration.ofSeconds(10));

            assertThat(report.passed()).isTrue();
            assertThat(report.available()).isEqualTo(2);
            assertThat(report.latency().count()).isEqualTo(2);
            assertThat(report.latency().maxMillis()).isGreaterThanOrEqualTo(report.latency().p50Millis());
        }
        assertThat(catalog.queries().get(0))
                .isEqualTo("q=" + TAG + "&status=available&sort=storedAt%2Casc&page=0&size=" + CatalogVerifier.PAGE_SIZE);
    }

    @Test
    void latencyCountsFromTheStopToTheFirstListingAsAvailable() throws Exception {
        SentCall call = stoppedCall("s1", "0c:38:3e:00:00:01", System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(500));
        try (CatalogVerifier verifier = verifier(Optional.empty(), "")) {
            verifier.expect(call);
            catalog.add("r1", "s1", "0c:38:3e:00:00:01", "available", 1000, 50, 0, 0, "normal", TAG);

            VerificationReport report = verifier.awaitAll(Duration.ofSeconds(10));

            assertThat(report.latency().p50Millis()).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void theCatalogsPartCountsFromTheStopToTheStoredAtItStamped() throws Exception {
        long stopNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(5);
        Instant stoppedAt = Instant.now().minusSeconds(5);
        SentCall call = stoppedCall("s1", "0c:38:3e:00:00:01", stopNanos);
        try (CatalogVerifier verifier = verifier(Optional.empty(), "")) {
            verifier.expect(call);
            catalog.add("r1", "s1", "0c:38:3e:00:00:01", "available", stoppedAt.plusSeconds(2), 1000, 50, 0, 0,
                    "normal", TAG);

            VerificationReport report = verifier.awaitAll(Duration.ofSeconds(10));

            // Seen now, about 5 s after the stop; stamped 2 s after it (give or take the two clock readings).
            assertThat(report.latency().p50Millis()).isGreaterThanOrEqualTo(5000);
            assertThat(report.catalogLatency().p50Millis()).isBetween(1900L, 2500L);
        }
    }

    @Test
    void reportsRecordingsThatDoNotMatchTheirCall() throws Exception {
        try (CatalogVerifier verifier = verifier(Optional.empty(), "")) {
            verifier.expect(stoppedCall("s1", "0c:38:3e:00:00:01"));
            catalog.add("r1", "s1", "0c:38:3e:00:00:01", "available", 400, 20, 0, 0, "socket-error", TAG);

            VerificationReport report = verifier.awaitAll(Duration.ofSeconds(10));

            assertThat(report.passed()).isFalse();
            assertThat(report.available()).isEqualTo(1);
            assertThat(report.problems()).singleElement().asString()
                    .startsWith("session s1 on 0c:38:3e:00:00:01: duration 400 ms, expected 1000 ms")
                    .contains("stopReason 'socket-error', expected 'normal'");
        }
    }

    @Test
    void reportsRecordingsNotAvailableInTimeWithTheirCatalogStatus() throws Exception {
        try (CatalogVerifier verifier = verifier(Optional.empty(), "")) {
            verifier.expect(stoppedCall("s1", "0c:38:3e:00:00:01"));
            verifier.expect(stoppedCall("s2", "0c:38:3e:00:00:02"));
            catalog.add("r1", "s1", "0c:38:3e:00:00:01", "processing", 0, 0, 0, 0, "normal", TAG);

            VerificationReport report = verifier.awaitAll(Duration.ofMillis(600));

            assertThat(report.available()).isZero();
            assertThat(report.problems()).containsExactlyInAnyOrder(
                    "session s1 on 0c:38:3e:00:00:01: not available within 600 ms (catalog status 'processing', recording r1)",
                    "session s2 on 0c:38:3e:00:00:02: not available within 600 ms (not in the catalog)");
        }
    }

    @Test
    void failedCallsAreNotAwaited() throws Exception {
        try (CatalogVerifier verifier = verifier(Optional.empty(), "")) {
            verifier.expect(SentCall.failedBeforeStreaming(TestPlans.plan(Codec.PCMA, 1000), "start refused: no-capacity"));

            VerificationReport report = verifier.awaitAll(Duration.ofSeconds(10));

            assertThat(report.expected()).isZero();
            assertThat(report.passed()).isTrue();
        }
    }

    @Test
    void sendsBasicCredentials() throws Exception {
        catalog.requireAuthorization("Basic YWRtaW46c2VjcmV0");
        catalog.add("r1", "s1", "0c:38:3e:00:00:01", "available", 1000, 50, 0, 0, "normal", TAG);
        try (CatalogVerifier verifier = verifier(Optional.of("admin"), "secret")) {
            verifier.expect(stoppedCall("s1", "0c:38:3e:00:00:01"));

            assertThat(verifier.awaitAll(Duration.ofSeconds(10)).passed()).isTrue();
        }
    }

    @Test
    void rejectedCredentialsAreWarnedAboutAndReported() throws Exception {
        catalog.requireAuthorization("Basic YWRtaW46c2VjcmV0");
        try (CatalogVerifier verifier = verifier(Optional.of("admin"), "wrong")) {
            verifier.expect(stoppedCall("s1", "0c:38:3e:00:00:01"));

            VerificationReport report = verifier.awaitAll(Duration.ofMillis(600));

            assertThat(report.problems()).singleElement().asString().contains("catalog unreachable: catalog answered HTTP 401");
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8))
                .containsOnlyOnce("catalog poll failed, retrying: catalog answered HTTP 401");
    }

    @Test
    void unreachableCatalogIsNamedInTheReport() throws Exception {
        CatalogClient nowhere = new CatalogClient(catalog.baseUri(), Optional.empty(), "");
        catalog.close();
        try (CatalogVerifier verifier = new CatalogVerifier(nowhere, TAG, new PrintStream(warnings, true, StandardCharsets.UTF_8))) {
            verifier.expect(stoppedCall("s1", "0c:38:3e:00:00:01"));

            VerificationReport report = verifier.awaitAll(Duration.ofMillis(300));

            assertThat(report.problems()).singleElement().asString()
                    .endsWith("(catalog unreachable: cannot connect to the catalog at " + catalog.baseUri().getAuthority() + ")");
        }
    }

    @Test
    void readsEveryPageOnceThenOnlyWhatWasStoredSinceTheNewestSeenLessTheMargin() throws Exception {
        Instant first = Instant.now().minus(Duration.ofHours(1));
        int count = 2 * CatalogVerifier.PAGE_SIZE + 10;
        for (int i = 0; i < count; i++) {
            catalog.add("r" + i, "s" + i, "0c:38:3e:00:00:01", "available", first.plusSeconds(i), 1000, 50, 0, 0,
                    "normal", TAG);
        }
        Instant since = first.plusSeconds(count - 1).minus(CatalogVerifier.STORED_AT_MARGIN);
        try (CatalogVerifier verifier = verifier(Optional.empty(), "")) {
            verifier.expect(stoppedCall("s0", "0c:38:3e:00:00:01"));
            await().atMost(Duration.ofSeconds(10)).until(() -> catalog.queries().size() >= 6);

            assertThat(catalog.queries()).filteredOn(query -> query.contains("&page=1&")).hasSize(1);
            assertThat(catalog.queries()).filteredOn(query -> query.contains("&page=2&")).hasSize(1);
            assertThat(catalog.queries().get(3)).contains("storedSince=" + encoded(since) + "&");
            assertThat(verifier.awaitAll(Duration.ofSeconds(10)).passed()).isTrue();
        }
    }

    @Test
    void findsARecordingListedAfterOneStoredLaterWithinTheMargin() throws Exception {
        VerificationReport report = secondListedLate(CatalogVerifier.STORED_AT_MARGIN.dividedBy(2),
                Duration.ofSeconds(10));

        assertThat(report.passed()).isTrue();
        assertThat(catalog.queries()).filteredOn(query -> !query.contains("storedSince=")).hasSize(1);
    }

    @Test
    void aRecordingListedTooLateForTheMarginIsFoundByOneFullListingAtTheEnd() throws Exception {
        VerificationReport report = secondListedLate(Duration.ofMinutes(1), Duration.ofMillis(600));

        assertThat(report.passed()).isTrue();
        List<String> queries = catalog.queries();
        assertThat(queries.get(queries.size() - 1)).doesNotContain("storedSince=");
    }

    /**
     * Two calls: the first's recording is listed; once a poll has asked for what was stored since, the second's
     * is listed too, stamped {@code earlier} than the first's.
     */
    private VerificationReport secondListedLate(Duration earlier, Duration timeout) throws Exception {
        Instant storedAt = Instant.now().minus(Duration.ofHours(1));
        try (CatalogVerifier verifier = verifier(Optional.empty(), "")) {
            verifier.expect(stoppedCall("s1", "0c:38:3e:00:00:01"));
            verifier.expect(stoppedCall("s2", "0c:38:3e:00:00:02"));
            catalog.add("r1", "s1", "0c:38:3e:00:00:01", "available", storedAt, 1000, 50, 0, 0, "normal", TAG);
            await().atMost(Duration.ofSeconds(5)).until(() -> catalog.queries().stream()
                    .anyMatch(query -> query.contains("storedSince=")));
            catalog.add("r2", "s2", "0c:38:3e:00:00:02", "available", storedAt.minus(earlier), 1000, 50, 0, 0,
                    "normal", TAG);
            return verifier.awaitAll(timeout);
        }
    }

    private static String encoded(Instant time) {
        return URLEncoder.encode(time.toString(), StandardCharsets.UTF_8);
    }

    private CatalogVerifier verifier(Optional<String> user, String password) {
        return new CatalogVerifier(new CatalogClient(catalog.baseUri(), user, password), TAG,
                new PrintStream(warnings, true, StandardCharsets.UTF_8));
    }

    /** A clean 1 s call that was stopped just now. */
    private static SentCall stoppedCall(String sessionId, String device) {
        return stoppedCall(sessionId, device, System.nanoTime());
    }

    private static SentCall stoppedCall(String sessionId, String device, long stopNanos) {
        CallPlan plan = new CallPlan(sessionId, device, Codec.PCMA, CallDirection.OUT,
                new CallParties("2001", "Alice", "100", TAG), 1000, Impairments.NONE, 1);
        return new SentCall(plan, CallEnding.STOPPED, "", new StreamStats(50, 50, 0, 0, 0, 0, 0),
                stopNanos, List.of());
    }
}
