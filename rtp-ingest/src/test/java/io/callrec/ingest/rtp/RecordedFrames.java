package io.callrec.ingest.rtp;

import static org.awaitility.Awaitility.await;

import io.callrec.contracts.FrameBatch;
import io.callrec.contracts.FrameBatchCodec;
import io.callrec.contracts.RtpFrame;
import io.callrec.contracts.Topics;
import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** What rtp-ingest wrote to {@code callrec.frames} on the embedded Kafka, read with a plain consumer. */
public final class RecordedFrames implements AutoCloseable {
    private final TopicReader reader = new TopicReader(CallrecStackTestResource.stack().kafkaBootstrapServers(),
            Topics.FRAMES);

    public List<FrameBatch> batchesOf(UUID id) {
        return reader.recordsWithKey(id.toString()).stream().map(r -> FrameBatchCodec.decode(r.value())).toList();
    }

    public List<RtpFrame> framesOf(UUID id) {
        return batchesOf(id).stream().flatMap(b -> b.frames().stream()).toList();
    }

    /** Frames are flushed within the batch delay even without an end. */
    public void awaitFrames(UUID id, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> framesOf(id).size() >= count);
    }

    public List<FrameBatch> awaitEndOfStream(UUID id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> batchesOf(id).stream().anyMatch(FrameBatch::endOfStream));
        return batchesOf(id);
    }

    @Override
    public void close() {
        reader.close();
    }
}
