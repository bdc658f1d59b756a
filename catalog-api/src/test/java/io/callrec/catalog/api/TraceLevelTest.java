package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.catalog.service.access.AccessScopes;
import io.callrec.contracts.Problem;
import io.callrec.platform.kafka.ConsumerLoops;
import io.callrec.platform.logging.LoggerLevels;
import io.callrec.platform.logging.TraceLevelListener;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class TraceLevelTest {
    private static final String ALL_INFO = "{\"recording\": \"INFO\", \"callInformation\": \"INFO\", "
            + "\"converting\": \"INFO\", \"licensing\": \"INFO\", \"ui\": \"INFO\"}";
    /** Loggers in the areas' categories, as the service's classes get them. */
    private static final Logger API = Logger.getLogger(RecordingResource.class);
    private static final Logger SECURITY = Logger.getLogger(AccessScopes.class);
    /** The converting area's category, which only a transcoder sets, and a logger below it. */
    private static final java.util.logging.Logger CONVERTING = java.util.logging.Logger.getLogger(
            "io.callrec.transcoder");
    private static final java.util.logging.Logger TRANSCODER = java.util.logging.Logger.getLogger(
            "io.callrec.transcoder.service");

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    ObjectMapper json;
    private final List<ConsumerLoops> transcoders = new ArrayList<>();

    private static void put(String body) {
        admin().contentType(ContentType.JSON).body(body).put("/api/v1/settings/trace-levels").then().statusCode(200);
    }

    @AfterEach
    void backToInfo() throws InterruptedException {
        put(ALL_INFO);
        for (ConsumerLoops transcoder : transcoders) {
            transcoder.stopHearing(new ShutdownEvent());
        }
        CONVERTING.setLevel(null);
    }

    /** A transcoder's listener, as the platform starts it there, on the stack's Kafka. */
    private void startTranscoder() {
        ConsumerLoops transcoder = new ConsumerLoops(kafka);
        transcoders.add(transcoder);
        new TraceLevelListener(transcoder, json, new LoggerLevels("transcoder")).start(new StartupEvent());
    }

    /** Levels no other test sets, so that replaying their changes from the topic cannot pass for these. */
    @Test
    void aChangeReachesAnotherServiceThroughKafka() {
        startTranscoder();

        put("{\"converting\": \"WARN\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> CONVERTING.getLevel() == org.jboss.logmanager.Level.WARN);
        assertThat(TRANSCODER.isLoggable(org.jboss.logmanager.Level.INFO)).isFalse();
        assertThat(TRANSCODER.isLoggable(org.jboss.logmanager.Level.WARN)).isTrue();
        assertThat(API.isEnabled(Logger.Level.INFO)).as("converting is not the catalog's").isTrue();
    }

    @Test
    void aServiceStartedAfterAChangeGetsIt() {
        put("{\"converting\": \"ERROR\"}");

        startTranscoder();

        await().atMost(Duration.ofSeconds(20)).until(() -> CONVERTING.getLevel() == org.jboss.logmanager.Level.ERROR);
        assertThat(TRANSCODER.isLoggable(org.jboss.logmanager.Level.WARN)).isFalse();
    }

    @Test
    void levelsApplyToTheServicesLoggersAtOnce() {
        put(ALL_INFO);
        assertThat(API.isDebugEnabled()).isFalse();
        assertThat(SECURITY.isTraceEnabled()).isFalse();

        admin().contentType(ContentType.JSON).body("{\"ui\": \"DEBUG\", \"licensing\": \"trace\"}")
                .put("/api/v1/settings/trace-levels").then().statusCode(200)
                .body("ui", equalTo("DEBUG"))
                .body("licensing", equalTo("TRACE"))
                .body("recording", equalTo("INFO"));

        assertThat(API.isDebugEnabled()).isTrue();
        assertThat(API.isTraceEnabled()).isFalse();
        assertThat(SECURITY.isTraceEnabled()).isTrue();
        admin().get("/api/v1/settings/trace-levels").then().statusCode(200)
                .body("ui", equalTo("DEBUG")).body("licensing", equalTo("TRACE"))
                .body("callInformation", equalTo("INFO")).body("converting", equalTo("INFO"));

        put("{\"ui\": \"ERROR\"}");
        assertThat(API.isEnabled(Logger.Level.WARN)).isFalse();
        assertThat(API.isEnabled(Logger.Level.ERROR)).isTrue();
        assertThat(SECURITY.isTraceEnabled()).isTrue();
    }

    @Test
    void changesAreAudited() {
        put("{\"converting\": \"DEBUG\"}");

        admin().queryParam("action", "set-trace-levels").queryParam("size", 1).get("/api/v1/audit")
                .then().statusCode(200)
                .body("items[0].actor", equalTo("admin"))
                .body("items[0].detail", equalTo("converting=DEBUG"));
    }

    @Test
    void onlyAdminsReadOrSetLevels() {
        as("alice").get("/api/v1/settings/trace-levels").then().statusCode(403);
        as("alice").contentType(ContentType.JSON).body("{\"ui\": \"TRACE\"}").put("/api/v1/settings/trace-levels")
                .then().statusCode(403);
        assertThat(API.isDebugEnabled()).isFalse();
    }

    @Test
    void unknownLevelsAreRefused() {
        admin().contentType(ContentType.JSON).body("{\"ui\": \"LOUD\"}").put("/api/v1/settings/trace-levels")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        admin().get("/api/v1/settings/trace-levels").then().body("ui", equalTo("INFO"));
    }
}
