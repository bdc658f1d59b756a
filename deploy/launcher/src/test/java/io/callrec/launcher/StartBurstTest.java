package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callrec.contracts.CallDirection;
import io.callrec.contracts.Codec;
import io.callrec.simulator.call.CallParties;
import io.callrec.simulator.call.CallPlan;
import io.callrec.simulator.call.Impairments;
import io.callrec.simulator.call.SentCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A shift start: hundreds of phones send {@code RecordStartRequest} within the same second, from one address, to
 * the system as the run command starts it. rtp-ingest has ports for all of them, so every start must succeed and
 * every call must become a whole recording.
 */
class StartBurstTest {
    private static final int PHONES = 300;
    private static final long CALL_MILLIS = 3_000;

    @Test
    void everyPhoneOfABurstOfStartsWithinOneSecondIsRecordedWhole() throws Exception {
        Path dataDir = Path.of("target/start-burst-data").toAbsolutePath();
        try (CallrecSystem system = CallrecSystem.start(new LauncherOptions(Path.of("../..").toAbsolutePath()
                .normalize(), dataDir, 0, 0, 0, 0, 0, 0, 19000, 19499, 0, 0, 0))) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            List<CallPlan> plans = new ArrayList<>();
            for (int i = 0; i < PHONES; i++) {
                plans.add(new CallPlan("burst-" + tag + "-" + i, String.format("0c:38:3e:01:%02x:%02x", i / 256, i % 256),
                        i % 2 == 0 ? Codec.PCMA : Codec.PCMU, CallDirection.IN,
                        new CallParties(String.valueOf(2000 + i), "", "0312345678", ""), CALL_MILLIS,
                        Impairments.NONE, i));
            }
            List<SentCall> sent;
            try (CallsInFlight calls = CallsInFlight.start(system, plans)) {
                sent = calls.awaitAll(Duration.ofMillis(CALL_MILLIS).plusSeconds(90));
            }
            assertThat(sent).allSatisfy(call -> assertThat(call.succeeded())
                    .as(call.plan().sessionId() + ": " + call.failureReason()).isTrue());

            CatalogAccess catalog = new CatalogAccess(system);
            List<String> incomplete = new ArrayList<>();
            for (SentCall call : sent) {
                JsonNode recording = catalog.awaitRecording(call.plan(), Duration.ofSeconds(120),
                        r -> "available".equals(r.path("status").asText()));
                if (recording.path("packetsReceived").asLong() != call.packets().size()) {
                    incomplete.add(call.plan().sessionId() + ": " + recording.path("packetsReceived").asLong()
                            + " of " + call.packets().size() + " packets, " + recording.path("packetsLost").asLong()
                            + " lost inside, " + recording.path("durationMs").asLong() + " ms");
                }
            }
            assertThat(incomplete).as("recordings missing packets").isEmpty();
        }
    }
}
