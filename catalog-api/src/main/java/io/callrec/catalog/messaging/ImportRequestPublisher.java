package io.callrec.catalog.messaging;

import io.callrec.contracts.ImportRequest;
import io.callrec.contracts.Topics;
import io.callrec.platform.kafka.JsonEventProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks the transcoder to convert uploaded files: JSON on callrec.imports, keyed by the recording id. */
@ApplicationScoped
public class ImportRequestPublisher {
    private static final long ACK_TIMEOUT_SECONDS = 15;

    private final JsonEventProducer producer;

    public ImportRequestPublisher(JsonEventProducer producer) {
        this.producer = producer;
    }

    /** Blocks until the broker has the request. */
    public void publish(ImportRequest request) {
        try {
            producer.send(Topics.IMPORTS, request.recordingId().toString(), request)
                    .get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportQueueException(request, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new ImportQueueException(request, e);
        }
    }
}
