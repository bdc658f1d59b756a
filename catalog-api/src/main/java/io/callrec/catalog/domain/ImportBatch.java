package io.callrec.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One upload of files to import (a USB multipart post or a PCAP PUT). */
@Entity
@Table(name = "import_batch")
public class ImportBatch extends PanacheEntityBase {
    @Id
    public UUID id;
    /** {@code usb} or {@code pcap}, as in {@link io.callrec.contracts.ImportRequest}. */
    public String kind;
    public String owner;
    public Instant receivedAt;

    public static ImportBatch of(UUID id, String kind, String owner, Instant receivedAt) {
        ImportBatch batch = new ImportBatch();
        batch.id = id;
        batch.kind = kind;
        batch.owner = owner;
        batch.receivedAt = receivedAt;
        return batch;
    }
}
