package io.callrec.simulator.catalog;

import io.callrec.simulator.CallRunner;
import io.callrec.simulator.call.SentCall;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the recordings of a run's calls to become available in the catalog, measures how long
 * that took after each stop, and checks each recording against its call.
 *
 * <p>Rather than asking once per call, it lists the run's available recordings (found by a search
 * term every call carries in a name) every {@link #POLL_INTERVAL}, as a client syncing with the
 * catalog would: only those stored since the newest {@code storedAt} it has seen, less
 * {@link #STORED_AT_MARGIN}, in the order they became available, skipping ids already seen. So a
 * poll reads what is new (usually one page), never the whole listing. Should a recording still be
 * missing when the wait ends (listed later than the margin allows for), one full listing looks for
 * it before it is reported missing.
 */
public final class CatalogVerifier implements AutoCloseable {
    public static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /** The catalog's largest page. */
    static final int PAGE_SIZE = 200;
    /**
     * The catalog may list a recording shortly after one that it stamped later (several replicas writing at once,
     * their clocks a little apart; one catalog writes its events on one thread, in order), so the next poll starts
     * this far before the newest seen. Each recording is listed about margin / interval times: kept small.
     */
    static final Duration STORED_AT_MARGIN = Duration.ofMillis(500);
    /** Missing recordings looked up one by one to report their status; the rest are only counted. */
    private static final int LOOKED_UP_MISSING = 20;

    private final CatalogClient client;
    private final String searchTerm;
    private final PrintStream warnings;
    private final Thread poller;

    // Guarded by this.
    private final Map<String, Sighting> sightingsByRecording = new HashMap<>();
    private final Map<CallKey, Sighting> sightingsByCall = new HashMap<>();
    private final Map<CallKey, SentCall> expected = new HashMap<>();
    private volatile boolean polling = true;
    /** Where the next poll starts; null until a recording was seen. Used by the poller thread only. */
    private Instant storedSince;
    /** Wall-clock nanoseconds minus {@link System#nanoTime()}: turns a call's stop into the catalog's time scale. */
    private final long wallMinusMonotonicNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    /**
     * Starts polling straight away, so that recordings are seen as soon as they become available.
     *
     * @param warnings where a failing poll is reported, once until it succeeds again
     */
    public CatalogVerifier(CatalogClient client, String searchTerm, PrintStream warnings) {
        this.client = client;
        this.searchTerm = searchTerm;
        this.warnings = warnings;
        this.poller = new Thread(this::poll, "catalog-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /** Awaits the recording of {@code call}, if it succeeded; failed calls are reported elsewhere. */
    public synchronized void expect(SentCall call) {
        if (call.succeeded()) {
            expected.put(CallKey.of(call), call);
            notifyAll();
        }
    }

    /**
     * Waits up to {@code timeout} for every expected recording, then checks them.
     */
    public VerificationReport awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            for (long left = timeout.toNanos(); !allSeen() && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        close();
        if (!allSeen()) {
            listAllOnce();
        }
        return report(timeout);
    }

    /** The safety net for recordings the polls missed; if it fails, they are reported missing. */
    private void listAllOnce() throws InterruptedException {
        try {
            listAvailableSince(null);
        } catch (IOException | RuntimeException e) {
            warnings.println("catalog: the final listing failed: " + CallRunner.describe(e));
        }
    }

    /** Stops polling. */
    @Override
    public void close() {
        polling = false;
        poller.interrupt();
        try {
            poller.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        String lastError = "";
        while (polling) {
            try {
                pollOnce();
                lastError = "";
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                String error = CallRunner.describe(e);
                if (!error.equals(lastError)) {
                    warnings.println("catalog poll failed, retrying: " + error);
                    lastError = error;
                }
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pollOnce() throws IOException, InterruptedException {
        Instant newest = listAvailableSince(storedSince);
        if (newest != null) {
            storedSince = newest.minus(STORED_AT_MARGIN);
        }
    }

    /**
     * Notes the run's recordings available since {@code since} (all of them if null), page by page
     * until a page is not full; returns the newest {@code storedAt} listed, or null if none was.
     */
    private Instant listAvailableSince(Instant since) throws IOException, InterruptedException {
        Instant newest = null;
        for (int page = 0; ; page++) {
            List<CatalogRecording> listing = client.availableRecordings(searchTerm, since, page, PAGE_SIZE);
            long seenNanos = System.nanoTime();
            synchronized (this) {
                for (CatalogRecording recording : listing) {
                    Sighting sighting = new Sighting(seenNanos, recording);
                    if (sightingsByRecording.putIfAbsent(recording.id(), sighting) == null) {
                        sightingsByCall.putIfAbsent(CallKey.of(recording.sessionId(), recording.device()), sighting);
                    }
                    if (recording.storedAt() != null && (newest == null || recording.storedAt().isAfter(newest))) {
                        newest = recording.storedAt();
                    }
                }
                notifyAll();
            }
            if (listing.size() < PAGE_SIZE) {
                return newest;
            }
        }
    }

    private synchronized boolean allSeen() {
        return sightingsByCall.keySet().containsAll(expected.keySet());
    }

    private synchronized VerificationReport report(Duration timeout) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        List<SentCall> missing = new ArrayList<>();
        long[] latencies = new long[expected.size()];
        long[] catalogLatencies = new long[expected.size()];
        int available = 0;
        for (Map.Entry<CallKey, SentCall> entry : expected.entrySet()) {
            Sighting sighting = sightingsByCall.get(entry.getKey());
            if (sighting == null) {
                missing.add(entry.getValue());
                continue;
            }
            // A recording listed before its stop was noted counts as instant.
            long stopNanos = entry.getValue().stopNanos();
            catalogLatencies[available] = Math.max(0, catalogLatencyNanos(stopNanos, sighting));
            latencies[available++] = Math.max(0, sighting.seenNanos() - stopNanos);
            List<String> wrong = RecordingCheck.problems(entry.getValue(), sighting.recording());
            if (!wrong.isEmpty()) {
                problems.add(entry.getKey() + ": " + String.join("; ", wrong));
            }
        }
        for (int i = 0; i < missing.size(); i++) {
            SentCall call = missing.get(i);
            String status = i < LOOKED_UP_MISSING ? catalogStatus(call) : "not looked up";
            problems.add(CallKey.of(call) + ": not available within " + timeout.toMillis() + " ms (" + status + ")");
        }
        return new VerificationReport(expected.size(), available, problems,
                LatencyStats.of(Arrays.copyOf(latencies, available)),
                LatencyStats.of(Arrays.copyOf(catalogLatencies, available)));
    }

    /**
     * From the stop to the catalog's own {@code storedAt} (the simulator's and the catalog's wall clocks); to the
     * sighting when the catalog gave none.
     */
    private long catalogLatencyNanos(long stopNanos, Sighting sighting) {
        Instant storedAt = sighting.recording().storedAt();
        if (storedAt == null) {
            return sighting.seenNanos() - stopNanos;
        }
        long storedAtNanos = storedAt.getEpochSecond() * 1_000_000_000L + storedAt.getNano();
        return storedAtNanos - (stopNanos + wallMinusMonotonicNanos);
    }

    private String catalogStatus(SentCall call) throws InterruptedException {
        try {
            List<CatalogRecording> found = client.recordingsOf(call.plan().sessionId(), call.plan().device());
            if (found.isEmpty()) {
                return "not in the catalog";
            }
            CatalogRecording recording = found.get(0);
            return "catalog status '" + recording.status() + "', recording " + recording.id();
        } catch (IOException e) {
            return "catalog unreachable: " + CallRunner.describe(e);
        }
    }

    /**
     * A phone session: its id is only unique together with the device, which the catalog spells
     * in lower case.
     */
    private record CallKey(String sessionId, String device) {
        static CallKey of(SentCall call) {
            return of(call.plan().sessionId(), call.plan().device());
        }

        static CallKey of(String sessionId, String device) {
            return new CallKey(sessionId, device.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return "session " + sessionId + " on " + device;
        }
    }

    /** When a recording was first listed as available, and how it looked then. */
    private record Sighting(long seenNanos, CatalogRecording recording) {
    }
}
