package io.callrec.catalog.service;

import io.callrec.catalog.config.ImportConfig;
import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.domain.ImportBatch;
import io.callrec.catalog.domain.ImportedFile;
import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.RecordingStatus;
import io.callrec.catalog.messaging.ImportQueueException;
import io.callrec.catalog.messaging.ImportRequestPublisher;
import io.callrec.catalog.service.access.AccessScope;
import io.callrec.catalog.storage.BlockingDatabase;
import io.callrec.contracts.ImportRequest;
import io.callrec.contracts.ObjectKeys;
import io.callrec.contracts.UsbFileName;
import io.callrec.platform.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Accepts uploaded phone USB files and PBX captures: checks them, stores the raw files under keys built from
 * callrec's own ids, creates the recordings (status processing) and asks the transcoder to convert them. Blocking:
 * call from worker threads.
 */
@ApplicationScoped
public class ImportService {
    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final String RAW_CONTENT_TYPE = "application/octet-stream";

    private final ImportConfig config;
    private final UploadQuota quota;
    private final ObjectStore store;
    private final ImportRequestPublisher publisher;
    private final AuditLog audit;
    private final BlockingDatabase database;

    public ImportService(ImportConfig config, UploadQuota quota, ObjectStore store, ImportRequestPublisher publisher,
                         AuditLog audit, BlockingDatabase database) {
        this.config = config;
        this.quota = quota;
        this.store = store;
        this.publisher = publisher;
        this.audit = audit;
        this.database = database;
    }

    /**
     * @param kind     {@link ImportRequest#USB} or {@link ImportRequest#PCAP}
     * @param joined   the files are the rolled-over parts of one call (one recording); otherwise one recording each
     * @param metadata applies to every recording of this import
     */
    public ImportReceipt accept(String kind, List<IncomingFile> files, boolean joined, ImportedMetadata metadata,
                                String owner) {
        check(kind, files);
        long bytes = files.stream().mapToLong(IncomingFile::size).sum();
        quota.require(owner, bytes);
        UUID importId = UUID.randomUUID();
        Instant receivedAt = Instant.now();
        List<List<IncomingFile>> calls = joined ? List.of(files) : files.stream().map(List::of).toList();
        List<Recording> recordings = new ArrayList<>();
        List<ImportedFile> stored = new ArrayList<>();
        List<ImportRequest> requests = new ArrayList<>();
        int index = 0;
        for (List<IncomingFile> call : calls) {
            Instant startedAt = startedAt(kind, call.get(0), receivedAt);
            Recording recording = Recording.imported(UUID.randomUUID(), kind, importId, owner, startedAt);
            recording.sessionId = metadata.sessionId();
            recording.device = metadata.device();
            recording.describe(metadata.localNumber(), metadata.localName(), null, null);
            recordings.add(recording);
            List<String> keys = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (IncomingFile file : call) {
                String key = ObjectKeys.importedFile(importId, receivedAt, index);
                store.upload(key, file.path(), RAW_CONTENT_TYPE);
                stored.add(ImportedFile.of(importId, index, file.originalName(), file.size(), key, recording.id));
                keys.add(key);
                names.add(file.originalName());
                index++;
            }
            requests.add(new ImportRequest(recording.id, kind, List.copyOf(keys), names, startedAt));
        }
        try {
            database.await(() -> Panache.withTransaction(() -> quota.reserve(owner, bytes)
                    .chain(() -> ImportBatch.of(importId, kind, owner, receivedAt).persist())
                    .chain(() -> Recording.persist(recordings))
                    .chain(() -> ImportedFile.persist(stored))
                    .chain(() -> Multi.createFrom().iterable(recordings)
                            .onItem().transformToUniAndConcatenate(recording -> audit.write(owner, AuditAction.IMPORT,
                                    recording.id, kind + " import " + importId))
                            .collect().last())));
        } catch (RejectedUploadException e) {
            // Another upload of theirs was recorded first; its files stay, these go.
            stored.forEach(file -> store.remove(file.objectKey));
            throw e;
        }
        publish(requests);
        return new ImportReceipt(importId, recordings.stream().map(recording -> recording.id).toList());
    }

    public Uni<ImportStatus> find(UUID importId, AccessScope scope) {
        return Panache.withSession(() -> ImportBatch.<ImportBatch>findById(importId).chain(batch -> {
            if (batch == null || !(scope.admin() || scope.user().equals(batch.owner))) {
                throw new ImportNotFoundException(importId);
            }
            return ImportedFile.<ImportedFile>list("key.importId = ?1 order by key.index", importId)
                    .chain(files -> Recording.<Recording>list("importId = ?1", importId)
                            .map(recordings -> new ImportStatus(batch, files, recordings)));
        }));
    }

    /** A USB file's name tells when the phone started recording; anything else started when it arrived. */
    private static Instant startedAt(String kind, IncomingFile first, Instant receivedAt) {
        return ImportRequest.USB.equals(kind) ? UsbFileName.parse(first.originalName()).startedAt().orElse(receivedAt)
                : receivedAt;
    }

    private void check(String kind, List<IncomingFile> files) {
        if (files.isEmpty()) {
            throw new RejectedUploadException("The upload contains no file.", false);
        }
        if (files.size() > config.maxFiles()) {
            throw new RejectedUploadException("The upload contains " + files.size() + " files; at most "
                    + config.maxFiles() + " are accepted at once.", false);
        }
        for (IncomingFile file : files) {
            if (file.size() > config.maxFileSize().asLongValue()) {
                throw new RejectedUploadException("File '" + file.originalName() + "' is " + file.size()
                        + " bytes; the limit is " + config.maxFileSize().asLongValue() + " bytes.", true);
            }
            UploadCheck.problem(kind, head(file), file.size()).ifPresent(problem -> {
                throw new RejectedUploadException("File '" + file.originalName() + "' " + problem + ".", false);
            });
        }
    }

    private static byte[] head(IncomingFile file) {
        try (InputStream in = Files.newInputStream(file.path())) {
            return in.readNBytes(UploadCheck.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request that cannot be queued fails its recording, so it never sits in processing for ever. */
    private void publish(List<ImportRequest> requests) {
        for (ImportRequest request : requests) {
            try {
                publisher.publish(request);
            } catch (ImportQueueException e) {
                LOG.errorf("Import of recording %s failed: %s", request.recordingId(), e.getMessage());
                List<UUID> ids = requests.stream().map(ImportRequest::recordingId).toList();
                database.await(() -> Panache.withTransaction(() -> Recording.update(
                        "status = ?1, failureReason = ?2 where id in ?3 and status = ?4",
                        RecordingStatus.FAILED, "could not be queued for conversion", ids,
                        RecordingStatus.PROCESSING)));
                throw e;
            }
        }
    }
}
