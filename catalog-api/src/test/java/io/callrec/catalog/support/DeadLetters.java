package io.callrec.catalog.support;

import static org.awaitility.Awaitility.await;

import io.callrec.contracts.DeadLetter;
import io.callrec.contracts.Topics;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** What the catalog set aside on {@code callrec.deadletter}, read from the embedded Kafka. */
public final class DeadLetters {
    private static TopicReader reader;

    private DeadLetters() {
    }

    /** Waits for {@code count} dead letters of records with this key; returns them in topic order. */
    public static List<DeadLetter> awaitFor(UUID key, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> reader().recordsWithKey(key.toString()).stream()
                .map(r -> parse(r.value())).toList(), letters -> letters.size() >= count);
    }

    private static DeadLetter parse(byte[] value) {
        try {
            return Events.JSON.readValue(value, DeadLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized TopicReader reader() {
        if (reader == null) {
            reader = new TopicReader(CallrecStackTestResource.stack().kafkaBootstrapServers(), Topics.DEAD_LETTER);
        }
        return reader;
    }
}
