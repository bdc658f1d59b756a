package io.callrec.transcoder.service;

import io.callrec.contracts.ImportRequest;
import io.callrec.contracts.RecordingEvent;
import io.callrec.transcoder.audio.imports.ImportRejectedException;
import io.callrec.transcoder.audio.timeline.TimelineSettings;
import io.callrec.transcoder.config.TranscoderConfig;
import io.callrec.transcoder.storage.RecordingStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jboss.logging.Logger;

/**
 * One import request, start to end: copy the raw files from the bucket to the spool folder, convert, upload and
 * announce (through the {@link RecordingFinisher}, which retries), or announce "failed" with the parser's reason
 * when the files cannot be read as what they claim to be.
 */
@ApplicationScoped
public class ImportProcessor {
    private static final Logger LOG = Logger.getLogger(ImportProcessor.class);

    private final RecordingStore store;
    private final RecordingFinisher finisher;
    private final Path spoolDir;
    private final ImportConverter converter;

    public ImportProcessor(RecordingStore store, RecordingFinisher finisher, TranscoderConfig config) {
        this.store = store;
        this.finisher = finisher;
        this.spoolDir = config.spoolDir();
        this.converter = new ImportConverter(new TimelineSettings(config.reorderWindowPackets(),
                config.maxGap().toMillis(), config.importMaxSilence().toMillis()));
    }

    /**
     * Returns once the recording is announced (stored or failed). Throws when the object store or Kafka failed
     * before that: the caller retries the request.
     */
    public void process(ImportRequest request) throws Exception {
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < request.objectKeys().size(); i++) {
                Path file = spoolDir.resolve(request.recordingId() + ".import-" + i);
                store.download(request.objectKeys().get(i), file);
                files.add(file);
            }
            AssembledRecording assembled;
            try {
                assembled = converter.convert(request, files, spoolDir);
            } catch (ImportRejectedException e) {
                LOG.infof("Import %s (%s) refused: %s", request.recordingId(), request.kind(), e.getMessage());
                fail(request, e.getMessage());
                return;
            }
            CountDownLatch announced = new CountDownLatch(1);
            finisher.finish(assembled, announced::countDown);
            announced.await();
        } finally {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Announces that the request's recording cannot be made, and why; throws when Kafka did not take it. */
    public void fail(ImportRequest request, String reason) throws Exception {
        finisher.fail(RecordingEvent.failed(request.recordingId(), reason, request.startedAt()));
    }
}
