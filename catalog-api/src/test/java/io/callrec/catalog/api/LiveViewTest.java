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
import java.util.List;
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

    /** New parties for a call that {@link #started} began: the remote party's name is now written out. */
    private static SessionEvent described(UUID id, String localNumber, String localName) {
        return SessionEvent.described(id, "phone-" + id.toString().substring(0, 8), localNumber, localName,
                "0399999999", "Erin Example", Instant.now());
    }

    /** The data of the first event of this name about one recording. */
    private static JsonPath data(EventStream stream, String name, UUID id) {
        return JsonPath.from(stream.named(name).stream().filter(event -> event.data().contains(id.toString()))
                .findFirst().orElseThrow().data());
    }

    /** The names of the events about one recording, in the order they came. */
    private static List<String> namesAbout(EventStream stream, UUID id) {
        return stream.events().stream().filter(event -> event.data().contains(id.toString()))
                .map(EventStream.Event::name).toList();
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
            JsonPath startedEvent = data(stream, "started", during);
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
            JsonPath described = data(admin, "described", call);
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
    void aCallThatBecomesAUsersByNewPartiesJoinsHerOpenLiveViewWhole() throws Exception {
        try (EventStream admin = EventStream.open(live, "admin"); EventStream bob = EventStream.open(live, "bob")) {
            await().atMost(WAIT).until(() -> !admin.named("snapshot").isEmpty() && !bob.named("snapshot").isEmpty());
            String device = Events.randomDevice();
            UUID call = started(device);
            awaitStatus(call, "recording");

            // New names that are still not Bob's, then his extension takes the call (a transfer to him).
            Events.publish(described(call, "3001", "Yamada Taro"));
            Events.publish(described(call, BOB_EXTENSION, "Bob"));
            await().atMost(WAIT).until(() -> has(bob, "started", call)
                    && admin.named("described").stream().filter(event -> event.data().contains(call.toString()))
                    .count() == 2);

            assertThat(namesAbout(bob, call)).containsExactly("started");
            JsonPath row = data(bob, "started", call);
            assertThat(row.getString("localNumber")).isEqualTo(BOB_EXTENSION);
            assertThat(row.getString("remoteName")).isEqualTo("Erin Example");
            assertThat(row.getString("device")).isEqualTo(device);
            assertThat(row.getString("codec")).isEqualTo("PCMA");
            assertThat(row.getString("startedAt")).isNotNull();
            assertThat(namesAbout(admin, call)).containsExactly("started", "described", "described");

            Events.publish(Events.stopped(call, "normal", Instant.now()));
            await().atMost(WAIT).until(() -> has(bob, "stopped", call) && has(admin, "stopped", call));
        }
    }

    /** Her row is read from the catalog while the stop is heard: the stop must still follow it, leaving no row. */
    @Test
    void aCallThatBecomesAUsersAndStopsAtOnceLeavesNoRow() throws Exception {
        try (EventStream bob = EventStream.open(live, "bob")) {
            await().atMost(WAIT).until(() -> !bob.named("snapshot").isEmpty());
            UUID call = started(Events.randomDevice());
            awaitStatus(call, "recording");

            Events.publish(described(call, BOB_EXTENSION, "Bob"));
            Events.publish(Events.stopped(call, "normal", Instant.now()));
            await().atMost(WAIT).until(() -> has(bob, "stopped", call));

            assertThat(namesAbout(bob, call)).containsExactly("started", "stopped");
        }
    }

    @Test
    void aCallTheCatalogHasNotIndexedShowsWithItsPartiesAlone() throws Exception {
        try (EventStream bob = EventStream.open(live, "bob")) {
            await().atMost(WAIT).until(() -> !bob.named("snapshot").isEmpty());
            UUID call = UUID.randomUUID();

            // No start is published: the description is all the catalog and the view know of the call.
            Events.publish(described(call, BOB_EXTENSION, "Bob"));
            await().atMost(WAIT).until(() -> has(bob, "started", call));

            JsonPath row = data(bob, "started", call);
            assertThat(row.getString("localNumber")).isEqualTo(BOB_EXTENSION);
            assertThat(row.getString("remoteName")).isEqualTo("Erin Example");
            assertThat(row.getString("startedAt")).isNull();

            Events.publish(Events.stopped(call, "normal", Instant.now()));
            await().atMost(WAIT).until(() -> has(bob, "stopped", call));
        }
    }

    @Test
    void aQuietStreamCarriesHeartbeats() throws Exception {
        try (EventStream stream = EventStream.open(live, "alice")) {
            await().atMost(WAIT).until(() -> !stream.named(":").isEmpty());
        }
    }
}
