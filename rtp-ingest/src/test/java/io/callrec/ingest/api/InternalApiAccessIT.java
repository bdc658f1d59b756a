package io.callrec.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.ServiceProcess;
import io.callrec.stack.StackStartException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged rtp-ingest as in production: its internal API wants the gateway's token, its health and metrics
 * answer only on the management port, and it does not start without a token. Runs after {@code package}.
 */
class InternalApiAccessIT {
    private static final String TOKEN = "access-test-token";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static ServiceProcess ingest;

    @BeforeAll
    static void start() {
        ingest = ServiceProcess.start(ROOT, "rtp-ingest", "rtp-ingest-access", 0, 0,
                config(Map.of("callrec.ingest.internal-token", TOKEN)), Path.of("target"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void refusesInternalCallsWithoutTheToken() {
        given().baseUri(ingest.baseUrl()).get("/internal/status").then().statusCode(401);
        given().baseUri(ingest.baseUrl()).auth().oauth2("wrong").post("/internal/sessions").then().statusCode(401);
        given().baseUri(ingest.baseUrl()).auth().oauth2(TOKEN).get("/internal/status").then().statusCode(200);
    }

    @Test
    void healthAndMetricsAreOnlyOnTheManagementPort() {
        given().baseUri(ingest.baseUrl()).get("/q/health/ready").then().statusCode(404);
        given().baseUri(ingest.baseUrl()).get("/q/metrics").then().statusCode(404);
        given().baseUri(ingest.managementUrl()).get("/q/health/ready").then().statusCode(200);
        given().baseUri(ingest.managementUrl()).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void doesNotStartWithoutAToken() {
        assertThatThrownBy(() -> ServiceProcess.start(ROOT, "rtp-ingest", "rtp-ingest-no-token", 0, 0,
                config(Map.of()), Path.of("target"), Duration.ofSeconds(90)).close())
                .isInstanceOf(StackStartException.class).hasMessageContaining("exited at start");
    }

    private static Map<String, String> config(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("kafka.bootstrap.servers", CallrecStackTestResource.stack().kafkaBootstrapServers());
        config.put("callrec.ingest.port-min", "46380");
        config.put("callrec.ingest.port-max", "46389");
        return config;
    }
}
