package io.callrec.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** One uploaded file of an import, and the recording it becomes part of. */
@Entity
@Table(name = "imported_file")
public class ImportedFile extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    /** The uploader's file name, shown to people; never used as an object key or a path. */
    public String originalName;
    public long sizeBytes;
    public String objectKey;
    public UUID recordingId;

    @Embeddable
    public record Key(UUID importId, @Column(name = "file_index") int index) implements Serializable {
    }

    public static ImportedFile of(UUID importId, int index, String originalName, long sizeBytes, String objectKey,
                                  UUID recordingId) {
        ImportedFile file = new ImportedFile();
        file.key = new Key(importId, index);
        file.originalName = originalName;
        file.sizeBytes = sizeBytes;
        file.objectKey = objectKey;
        file.recordingId = recordingId;
        return file;
    }

    /** Forgets the original file names of a deleted recording's files (they hold names and numbers). */
    public static Uni<Integer> forgetNamesOf(UUID recordingId) {
        return update("originalName = null where recordingId = ?1", recordingId);
    }
}
