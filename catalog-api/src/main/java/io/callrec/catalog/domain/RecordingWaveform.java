package io.callrec.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A recording's cached waveform; removed by the database when the recording is deleted (V5). */
@Entity
@Table(name = "recording_waveform")
public class RecordingWaveform extends PanacheEntityBase {
    @Id
    public UUID recordingId;
    public int channels;
    public long durationMs;
    /** JSON, one array per channel. */
    public String peaks;
}
