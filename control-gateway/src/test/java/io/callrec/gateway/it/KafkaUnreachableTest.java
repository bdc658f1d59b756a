package io.callrec.gateway.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.ingest.IngestStatus;
import io.callrec.gateway.control.ControlServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The gateway with its Kafka away (the rtp-ingest processes keep theirs): clear refusals, readiness down. */
@QuarkusTest
@TestProfile(KafkaUnreachableTest.KafkaAway.class)
class KafkaUnreachableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ControlServer server;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @Test
    void aStartIsRefusedWithRecordingUnavailableWithinSecondsAndItsPortIsReleased() throws Exception {
        try (PhoneConnection phone = new PhoneConnection("127.0.0.1", server.port())) {
            AtomicReference<Duration> took = new AtomicReference<>();
            // Right after start-up the gateway may not have read the ingests' status yet (no-capacity).
            Map<String, String> answer = await().atMost(Duration.ofSeconds(40))
                    .until(() -> timedStart(phone, took), a -> !"no-capacity".equals(a.get("reason")));

            assertThat(answer).containsEntry("id", "k1").containsEntry("result", "failed")
                    .containsEntry("reason", "recording-unavailable");
            assertThat(took.get()).isLessThan(Duration.ofSeconds(12));
            assertThat(phone.request("cmd=RecordStopRequest&id=k1")).containsEntry("result", "success");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> activeSessions(0) + activeSessions(1) == 0);
    }

    @Test
    void readinessIsDownWhileKafkaDoesNotAnswer() {
        given().get(readiness).then().statusCode(503)
                .body("checks.find { it.name == 'kafka' }.status", is("DOWN"));
    }

    private static Map<String, String> timedStart(PhoneConnection phone, AtomicReference<Duration> took)
            throws IOException {
        long began = System.nanoTime();
        Map<String, String> answer = phone.request("cmd=RecordStartRequest&id=k1&device=0c:38:3e:00:40:01"
                + "&dir=out&codec=PCMU");
        took.set(Duration.ofNanos(System.nanoTime() - began));
        return answer;
    }

    private static int activeSessions(int ingest) throws IOException {
        URLConnection status = URI.create(IngestInstances.url(ingest) + "/internal/status").toURL().openConnection();
        status.setRequestProperty("Authorization", "Bearer " + IngestInstances.INTERNAL_TOKEN);
        try (InputStream in = status.getInputStream()) {
            return JSON.readValue(in, IngestStatus.class).activeSessions();
        }
    }

    /** The gateway's Kafka is one that never answers; the ingests still get the embedded stack's. */
    public static class KafkaAway implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(IngestInstances.class), new TestResourceEntry(UnansweringKafka.class));
        }
    }
}
