package io.callrec.catalog.messaging;

import static io.callrec.catalog.support.Api.admin;
import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.callrec.catalog.storage.TombstoneSweeper;
import io.callrec.catalog.support.Bucket;
import io.callrec.catalog.support.DeadLetters;
import io.callrec.catalog.support.Events;
import io.callrec.catalog.support.Indexing;
import io.callrec.contracts.DeadLetter;
import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.Topics;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class RecordingIndexingTest {
    private static final Instant START = Instant.parse("2025-03-04T09:15:00Z");

    @Inject
    TombstoneSweeper sweeper;

    @Test
    void sessionAndStoredEventsMakeAnAvailableRecordingWithItsFigures() {
        UUID id = UUID.randomUUID();
        String device = Events.randomDevice();
        Events.publish(Events.started(id, device.toUpperCase(), "1001", "Alice", "0312345678", "山田太郎", "out", START));
        Events.publish(Events.stopped(id, "normal", START.plusSeconds(4)));
        Events.publish(Events.stored(id, ObjectKeys.recording(id, START), 64_044, START.plusSeconds(5)));

        awaitStatus(id, "available");
        admin().get("/api/v1/recordings/{id}", id).then()
                .body("device", equalTo(device))
                .body("sessionId", equalTo("phone-" + id.toString().substring(0, 8)))
                .body("localNumber", equalTo("1001"))
                .body("remoteName", equalTo("山田太郎"))
                .body("direction", equalTo("out"))
                .body("codec", equalTo("PCMA"))
                .body("stopReason", equalTo("normal"))
                .body("startedAt", equalTo("2025-03-04T09:15:00Z"))
                .body("stoppedAt", equalTo("2025-03-04T09:15:04Z"))
                .body("sizeBytes", equalTo(64_044))
                .body("durationMs", equalTo(4000))
                .body("sampleRate", equalTo(8000))
                .body("channels", equalTo(1))
                .body("sha256", equalTo("ab".repeat(32)))
                .body("packetsReceived", equalTo(200))
                .body("packetsLost", equalTo(3))
                .body("packetsDuplicate", equalTo(1))
                .body("packetsLate", equalTo(2))
                .body("protected", equalTo(false))
                .body("audioUrl", equalTo("/api/v1/recordings/" + id + "/audio"));
    }

    @Test
    void aDescribedEventRenamesThePartiesAndTheyAreFoundByTheNewName() {
        UUID id = UUID.randomUUID();
        Events.publish(Events.started(id, null, "1009", "Alice", "0312345678", "Bob", null, START));
        // A SIPREC session's far end was transferred: the gateway names the new parties.
        Events.publish(SessionEvent.described(id, "sip-call", "1009", "Alice", "0398765432", "Zoltán Kárpáti",
                START.plusSeconds(30)));
        Events.publish(Events.stopped(id, "normal", START.plusSeconds(60)));
        awaitStatus(id, "processing");
        Indexing.awaitAllIndexed();

        admin().get("/api/v1/recordings/{id}", id).then()
                .body("remoteNumber", equalTo("0398765432"))
                .body("remoteName", equalTo("Zoltán Kárpáti"))
                .body("localName", equalTo("Alice"))
                .body("startedAt", equalTo("2025-03-04T09:15:00Z"));
        admin().queryParam("q", "Kárpáti").get("/api/v1/recordings").then()
                .body("items.id", hasItem(id.toString()));
    }

    @Test
    void storedBeforeStartedMergesIntoOneAvailableRecording() {
        UUID id = UUID.randomUUID();
        Events.publish(Events.stored(id, ObjectKeys.recording(id, START), 1000, START.plusSeconds(9)));
        Events.publish(Events.stopped(id, "normal", START.plusSeconds(8)));
        Events.publish(Events.started(id, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", START));
        Indexing.awaitAllIndexed();

        admin().get("/api/v1/recordings/{id}", id).then().statusCode(200)
                .body("status", equalTo("available"))
                .body("remoteName", equalTo("Bob"))
                .body("startedAt", equalTo("2025-03-04T09:15:00Z"))
                .body("stopReason", equalTo("normal"))
                .body("sizeBytes", equalTo(1000));
    }

    @Test
    void replayedEventsChangeNothing() {
        UUID id = UUID.randomUUID();
        var started = Events.started(id, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", START);
        var stopped = Events.stopped(id, "socket-error", START.plusSeconds(3));
        var stored = Events.stored(id, ObjectKeys.recording(id, START), 2000, START.plusSeconds(4));
        Events.publish(started);
        Events.publish(stopped);
        Events.publish(stored);
        awaitStatus(id, "available");
        String before = admin().get("/api/v1/recordings/{id}", id).asString();

        Events.publish(started);
        Events.publish(stopped);
        Events.publish(stored);
        Events.publish(started);
        Indexing.awaitAllIndexed();

        assertThat(admin().get("/api/v1/recordings/{id}", id).asString()).isEqualTo(before);
    }

    @Test
    void sessionThatNeverProducedAFileIsVisibleAndTellsWhy() {
        UUID streaming = UUID.randomUUID();
        UUID stopped = UUID.randomUUID();
        Events.publish(Events.started(streaming, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", START));
        Events.publish(Events.started(stopped, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", START));
        Events.publish(Events.stopped(stopped, "rtp-timeout", START.plusSeconds(30)));
        Indexing.awaitAllIndexed();

        admin().get("/api/v1/recordings/{id}", streaming).then()
                .body("status", equalTo("recording")).body("audioUrl", nullValue());
        admin().get("/api/v1/recordings/{id}", stopped).then()
                .body("status", equalTo("processing")).body("stopReason", equalTo("rtp-timeout"));
    }

    @Test
    void failedRecordingStaysFailedWhenLateSessionEventsArrive() {
        UUID id = UUID.randomUUID();
        Events.publish(Events.failed(id, "no RTP received", START.plusSeconds(40)));
        Events.publish(Events.started(id, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", START));
        Events.publish(Events.stopped(id, "rtp-timeout", START.plusSeconds(30)));
        Indexing.awaitAllIndexed();

        admin().get("/api/v1/recordings/{id}", id).then()
                .body("status", equalTo("failed"))
                .body("stopReason", equalTo("rtp-timeout"))
                .body("audioUrl", nullValue());
    }

    @Test
    void storedEventForADeletedRecordingDoesNotBringItBackAndItsObjectIsRemoved() {
        UUID id = UUID.randomUUID();
        Events.publish(Events.started(id, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in", START));
        Events.publish(Events.stopped(id, "normal", START.plusSeconds(3)));
        awaitStatus(id, "processing");
        admin().delete("/api/v1/recordings/{id}", id).then().statusCode(204);

        String lateKey = ObjectKeys.recording(id, START);
        Bucket.put(lateKey, new byte[] {1, 2, 3});
        Events.publish(Events.stored(id, lateKey, 3, START.plusSeconds(5)));
        Indexing.awaitAllIndexed();

        admin().get("/api/v1/recordings/{id}", id).then().statusCode(404);
        sweeper.sweep();
        assertThat(Bucket.exists(lateKey)).isFalse();
    }

    @Test
    void messagesThatAreNoEventsAreSetAsideAndLaterEventsAreIndexed() {
        UUID id = UUID.randomUUID();
        Events.publishRaw(Topics.SESSIONS, id.toString(), "{not json");
        Events.publishRaw(Topics.RECORDINGS, id.toString(), "{\"type\":\"stored\"}");
        Events.publish(Events.started(id, Events.randomDevice(), "1001", "Alice", "200", "Bob", "in",
                START.truncatedTo(ChronoUnit.DAYS)));

        awaitStatus(id, "recording");
        List<DeadLetter> letters = DeadLetters.awaitFor(id, 2);
        assertThat(letters).extracting(DeadLetter::service).containsOnly("catalog-api");
        assertThat(letters).extracting(DeadLetter::topic).containsExactlyInAnyOrder(Topics.SESSIONS, Topics.RECORDINGS);
        assertThat(letters).extracting(l -> new String(Base64.getDecoder().decode(l.valueBase64())))
                .containsExactlyInAnyOrder("{not json", "{\"type\":\"stored\"}");
    }

    @Test
    void anEventTheDatabaseRefusesIsSetAsideAndTheEventsAfterItAreIndexed() {
        UUID id = UUID.randomUUID();
        // Valid JSON, but PostgreSQL refuses text with a NUL character, in every batch it is part of.
        Events.publish(Events.started(id, Events.randomDevice(), "1001", "Ali\u0000ce", "200", "Bob", "in", START));
        Events.publish(Events.stopped(id, "normal", START.plusSeconds(4))); // same key: same partition, after it

        awaitStatus(id, "processing");
        DeadLetter letter = DeadLetters.awaitFor(id, 1).get(0);
        assertThat(letter.topic()).isEqualTo(Topics.SESSIONS);
        assertThat(letter.reason()).startsWith("the catalog refused the event");
        admin().get("/api/v1/recordings/{id}", id).then().body("localName", nullValue())
                .body("stopReason", equalTo("normal"));
    }
}
