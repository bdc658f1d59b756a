package io.callrec.catalog.api;

import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.RecordingStatus;
import io.callrec.catalog.service.ImportStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import and how far it got. {@code status} is {@code processing} while any recording is, {@code failed} when
 * all failed, {@code completed} otherwise (each recording says how it ended).
 */
public record ImportView(UUID id, String kind, String owner, Instant receivedAt, String status, List<FileView> files,
                         List<RecordingState> recordings) {

    public record FileView(int index, String name, long sizeBytes, UUID recordingId) {
    }

    /**
     * @param codec         PCMA, PCMU or G722 (two of them joined by {@code +}) once converted; null before
     * @param channels      1, or 2 for a two-way capture, once converted
     * @param failureReason why no audio could be made from the files, for people; null unless failed
     */
    public record RecordingState(UUID id, RecordingStatus status, String codec, Integer channels,
                                 String failureReason) {
    }

    public static ImportView of(ImportStatus imported) {
        List<FileView> files = imported.files().stream()
                .map(file -> new FileView(file.key.index(), file.originalName, file.sizeBytes, file.recordingId))
                .toList();
        List<RecordingState> recordings = imported.recordings().stream()
                .map(recording -> new RecordingState(recording.id, recording.status, recording.codec,
                        recording.channels, recording.failureReason))
                .toList();
        return new ImportView(imported.batch().id, imported.batch().kind, imported.batch().owner,
                imported.batch().receivedAt, status(imported.recordings()), files, recordings);
    }

    private static String status(List<Recording> recordings) {
        if (recordings.stream().anyMatch(r -> r.status == RecordingStatus.PROCESSING
                || r.status == RecordingStatus.RECORDING)) {
            return "processing";
        }
        if (recordings.stream().allMatch(r -> r.status == RecordingStatus.FAILED)) {
            return "failed";
        }
        return "completed";
    }
}
