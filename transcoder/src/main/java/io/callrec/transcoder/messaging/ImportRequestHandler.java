package io.callrec.transcoder.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.contracts.ImportRequest;
import io.callrec.platform.kafka.DeadLetterPublisher;
import io.callrec.platform.kafka.RecordHandler;
import io.callrec.transcoder.service.ImportFailurePolicy;
import io.callrec.transcoder.service.ImportProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Converts one import request into its recording; returns once the recording is announced, so that the request's
 * offset is committed only then. A request that failed for a passing reason throws and is read again after a
 * pause. One that cannot succeed ({@link ImportFailurePolicy}) fails its recording and is set aside on the
 * dead-letter topic, as is a record that is no import request: neither holds up the requests behind it.
 */
@ApplicationScoped
public class ImportRequestHandler implements RecordHandler {
    private final ImportProcessor processor;
    private final ImportFailurePolicy failures;
    private final DeadLetterPublisher deadLetters;
    private final ObjectMapper json;

    public ImportRequestHandler(ImportProcessor processor, ImportFailurePolicy failures,
                                DeadLetterPublisher deadLetters, ObjectMapper json) {
        this.processor = processor;
        this.failures = failures;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) throws Exception {
        ImportRequest request;
        try {
            request = json.readValue(record.value(), ImportRequest.class);
        } catch (Exception e) {
            deadLetters.setAside(record, "not an import request: " + e.getMessage());
            return;
        }
        if (request.recordingId() == null) {
            deadLetters.setAside(record, "not an import request: no recording id");
            return;
        }
        try {
            processor.process(request);
            failures.forget(request.recordingId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        } catch (Exception e) {
            Optional<String> reason = failures.giveUpReason(request.recordingId(), e);
            if (reason.isEmpty()) {
                throw e;
            }
            // Announced first: should the dead letter fail, the request comes again and is failed again, harmlessly.
            processor.fail(request, reason.get());
            deadLetters.setAside(record, reason.get());
        }
    }
}
