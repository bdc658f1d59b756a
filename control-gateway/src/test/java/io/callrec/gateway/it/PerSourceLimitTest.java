package io.callrec.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callrec.gateway.control.ControlServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One address cannot hold more open recordings than its limit, whatever devices it claims to be: the per-device
 * limit alone trusts the phone's own {@code device=}.
 */
@QuarkusTest
@TestProfile(PerSourceLimitTest.ThreeRecordingsPerSource.class)
class PerSourceLimitTest {

    @Inject
    ControlServer server;

    public static class ThreeRecordingsPerSource implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callrec.gateway.limits.max-recordings-per-source", "3");
        }
    }

    @Test
    void anAddressClaimingOtherDevicesStillStopsAtItsLimit() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.21", server.port());
             PhoneConnection neighbour = new PhoneConnection("127.0.0.22", server.port())) {
            // Right after start-up the gateway may not have read the ingests' status yet (no-capacity).
            await().atMost(Duration.ofSeconds(40)).until(() -> "success".equals(
                    phone.request(start("src-0", "0c:38:3e:00:03:00")).get("result")));
            for (int i = 1; i < 3; i++) {
                assertThat(phone.request(start("src-" + i, "0c:38:3e:00:03:0" + i))).containsEntry("result", "success");
            }
            assertThat(phone.request(start("src-3", "0c:38:3e:00:03:03")))
                    .containsEntry("result", "failed").containsEntry("reason", "limit-exceeded");
            assertThat(neighbour.request(start("other-0", "0c:38:3e:00:03:10"))).containsEntry("result", "success");
            for (int i = 0; i < 3; i++) {
                assertThat(phone.request("cmd=RecordStopRequest&id=src-" + i)).containsEntry("result", "success");
            }
            assertThat(neighbour.request("cmd=RecordStopRequest&id=other-0")).containsEntry("result", "success");
        }
    }

    private static String start(String id, String device) {
        return "cmd=RecordStartRequest&id=" + id + "&device=" + device + "&remote_number=0312345678"
                + "&local_number=1001&dir=in&codec=PCMA";
    }
}
