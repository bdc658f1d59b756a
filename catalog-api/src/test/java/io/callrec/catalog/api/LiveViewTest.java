package io.callrec.catalog.api;

import static io.callrec.catalog.support.Api.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callrec.catalog.support.EventStream;
import io.callrec.catalog.support.Events;
import io.callrec.contracts.SessionEvent;
import io.callrec.stack.CallrecStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = CallrecStackTestResource.class, restrictToAnnotatedClass = false)
class LiveViewTest {
    private static final String BOB_DEVICE = "0c:38:3e:00:00:02";
    private static final String BOB_EXTENSION = "1002";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/v1/live")
    URI live;

    private static UUID started(String device) {
        UUID id = UUID.randomUUID();
        Events.publish(Events.started(id, device, "3001", "Yamada 山田", "0399999999", "Erin", "in", Instant.now()));
        return id;
    }

    private static boolean has(EventStream stream, String name, UUID id) {
        return stream.named(name).stream().anyMatch(event -> id.toString().equals(JsonPath.from(event.data())
                .getString("id")));
    }

    @Test
    void snapshotFirstThenStartsAndStopsAsTheyHappen() throws Exception {
        UUID before = started(Events.randomDevice());
        awaitStatus(before, "recording");

        try (EventStream stream = EventStream.open(live, "admin")) {
            assertThat(stream.status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> !stream.named("snapshot").isEmpty());
            EventStream.Event first = stream.events().stream().filter(event -> !event.name().equals(":"))
                    .findFirst().orElseThrow();
            assertThat(first.name()).isEqualTo("snapshot");
            assertThat(JsonPath.from(first.data()).getList("recordings.id")).contains(before.toString());

            UUID during = started(Events.randomDevice());
            await().atMost(WAIT).until(() -> has(stream, "started", during));
            JsonPath startedEvent = JsonPath.from(stream.named("started").stream()
                    .filter(event -> event.data().contains(during.toString())).findFirst().orElseThrow().data());
            assertThat(startedEvent.getString("localName")).isEqualTo("Yamada 山田");
            assertThat(startedEvent.getString("ingest")).isEqualTo("127.0.0.1");
            assertThat(startedEvent.getString("codec")).isEqualTo("PCMA");
            assertThat(startedEvent.getString("startedAt")).isNotNull();

            Events.publish(Events.stopped(before, "normal", Instant.now()));
            await().atMost(WAIT).until(() -> has(stream, "stopped", before));
            assertThat(stream.named("stopped").get(0).data()).contains("\"reason\":\"normal\"");
        }
    }

    @Test
    void usersFollowTheirOwnRecordingsOnly() throws Exception {
        try (EventStream admin = EventStream.open(live, "admin"); EventStream bob = EventStream.open(live, "bob")) {
            await().atMost(WAIT).until(() -> !admin.named("snapshot").isEmpty() && !bob.named("snapshot").isEmpty());
            UUID others = started(Events.randomDevice());
            UUID bobs = started(BOB_DEVICE);
            Events.publish(Events.stopped(others, "normal", Instant.now()));
            Events.publish(Events.stopped(bobs, "socket-error", Instant.now()));

            await().atMost(WAIT).until(() -> has(admin, "stopped", others) && has(admin, "stopped", bobs)
                    && has(bob, "stopped", bobs));
            assertThat(has(bob, "started", bobs)).isTrue();
            assertThat(bob.events()).noneMatch(event -> event.data().contains(others.toString()));
        }
    }

    @Test
    void newPartiesChangeTheRowAndWithdrawItFromAUserWhoseExtensionLeftTheCall() throws Exception {
        try (EventStream admin = EventStream.open(live, "admin"); EventStream bob = EventStream.open(live, "bob")) {
            await().atMost(WAIT).until(() -> !admin.named("snapshot").isEmpty() && !bob.named("snapshot").isEmpty());
            UUID call = UUID.randomUUID();
            Events.publish(Events.started(call, Events.randomDevice(), BOB_EXTENSION, "Bob", "0311112222", "Erin",
                    "in", Instant.now()));
            await().atMost(WAIT).until(() -> has(bob, "started", call) && has(admin, "started", call));

            Events.publish(SessionEvent.described(call, "phone-" + call.toString().substring(0, 8), "3005", "Carol",
                    "0311112222", "Erin Example", Instant.now()));
            await().atMost(WAIT).until(() -> has(admin, "described", call) && has(bob, "withdrawn", call));
            JsonPath described = JsonPath.from(admin.named("described").stream()
                    .filter(event -> event.data().contains(call.toString())).findFirst().orElseThrow().data());
            assertThat(described.getString("localNumber")).isEqualTo("3005");
            assertThat(described.getString("remoteName")).isEqualTo("Erin Example");
            assertThat(described.getString("codec")).isEqualTo("PCMA");
            assertThat(bob.named("described")).noneMatch(event -> event.data().contains(call.toString()));

            Events.publish(Events.stopped(call, "normal", Instant.now()));
            await().atMost(WAIT).until(() -> has(admin, "stopped", call));
            assertThat(has(bob, "stopped", call)).isFalse();
        }
    }

    @Test
    void aQuietStreamCarriesHeartbeats() throws Exception {
        try (EventStream stream = EventStream.open(live, "alice")) {
            await().atMost(WAIT).until(() -> !stream.named(":").isEmpty());
        }
    }
}
