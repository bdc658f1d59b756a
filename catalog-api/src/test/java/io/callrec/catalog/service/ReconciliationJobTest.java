package io.callrec.catalog.service;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.callrec.catalog.support.Events;
import io.callrec.contracts.ObjectKeys;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class ReconciliationJobTest {
    @Inject
    ReconciliationJob job;

    private static UUID stoppedCall(Instant start, Instant stop) {
        UUID id = UUID.randomUUID();
        Events.publish(Events.started(id, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", start));
        Events.publish(Events.stopped(id, "normal", stop));
        awaitStatus(id, "processing");
        return id;
    }

    @Test
    void aRecordingProcessingPastTheTimeoutFailsWithAReasonAndALaterStoredEventMakesItAvailable() {
        Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        UUID id = stoppedCall(start, start.plusSeconds(60));

        job.run();

        admin().get("/api/v1/recordings/{id}", id).then().body("status", equalTo("failed"))
                .body("failureReason", equalTo("not finished within 10m after the call stopped"));
        Events.publish(Events.stored(id, ObjectKeys.recording(id, start), 2000, start.plusSeconds(61)));
        awaitStatus(id, "available");
        admin().get("/api/v1/recordings/{id}", id).then().body("failureReason", nullValue());
    }

    @Test
    void aRecordingThatStoppedRecentlyIsLeftProcessing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID id = stoppedCall(now.minus(Duration.ofMinutes(3)), now.minus(Duration.ofMinutes(1)));

        job.run();

        admin().get("/api/v1/recordings/{id}", id).then().body("status", equalTo("processing"));
    }

    @Test
    void aCallWithoutStopPastTheLongestCallFails() {
        UUID id = UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofHours(13)).truncatedTo(ChronoUnit.SECONDS);
        Events.publish(Events.started(id, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", start));
        awaitStatus(id, "recording");

        job.run();

        admin().get("/api/v1/recordings/{id}", id).then().body("status", equalTo("failed"))
                .body("failureReason", equalTo("no stop reported within 12h after the start"));
    }
}
