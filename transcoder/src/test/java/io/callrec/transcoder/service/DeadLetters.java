package io.callrec.transcoder.service;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.DeadLetter;
import io.callrec.contracts.Topics;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/** Reads what the transcoder set aside on {@code callrec.deadletter}. */
final class DeadLetters implements AutoCloseable {
    private final TopicReader reader;
    private final ObjectMapper json;

    DeadLetters(ObjectMapper json) {
        this.json = json;
        this.reader = new TopicReader(CallrecStackTestResource.stack().kafkaBootstrapServers(), Topics.DEAD_LETTER);
    }

    /** The first dead letter of a record with this key. */
    DeadLetter awaitFor(UUID key) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> reader.recordsWithKey(key.toString()).stream()
                .map(r -> parse(r.value())).findFirst().orElse(null), Objects::nonNull);
    }

    private DeadLetter parse(byte[] value) {
        try {
            return json.readValue(value, DeadLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
