package io.callrec.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callrec.catalog.audio.Waveform;
import io.callrec.catalog.audio.WaveformReader;
import io.callrec.catalog.domain.Recording;
import io.callrec.catalog.domain.RecordingStatus;
import io.callrec.catalog.domain.RecordingWaveform;
import io.callrec.catalog.security.AccessScope;
import io.callrec.catalog.storage.ObjectStore;
import io.callrec.catalog.storage.StorageException;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * A recording's waveform: read from the database when it was computed before, else computed by streaming the WAV
 * from the object store once and stored. Blocking (the object store client): call from worker threads.
 */
@ApplicationScoped
public class WaveformService {
    /** Slices per channel: about one per pixel of a wide player. */
    static final int BUCKETS = 1000;
    /** Only a recording that still exists gets its waveform stored: a concurrent deletion wins. */
    private static final String STORE = "INSERT INTO recording_waveform (recording_id, channels, duration_ms, peaks) "
            + "SELECT id, ?2, ?3, ?4 FROM recording WHERE id = ?1 AND status <> 'deleted' ON CONFLICT DO NOTHING";

    private final RecordingService recordings;
    private final ObjectStore store;
    private final ObjectMapper json;

    public WaveformService(RecordingService recordings, ObjectStore store, ObjectMapper json) {
        this.recordings = recordings;
        this.store = store;
        this.json = json;
    }

    public Waveform of(UUID id, AccessScope scope) {
        Recording recording = Reactive.await(() -> recordings.find(id, scope));
        if (recording.status != RecordingStatus.AVAILABLE || recording.objectKey == null) {
            throw new RecordingConflictException("Recording " + id + " has no audio to draw yet: its status is "
                    + recording.status.wireName() + ".");
        }
        RecordingWaveform cached = Reactive.await(() -> Panache.withSession(
                () -> RecordingWaveform.<RecordingWaveform>findById(id)));
        if (cached != null) {
            return new Waveform(cached.channels, cached.durationMs, decode(cached.peaks));
        }
        Waveform computed = compute(recording);
        String peaks = encode(computed.peaks());
        Reactive.await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(STORE)
                .setParameter(1, id)
                .setParameter(2, computed.channels())
                .setParameter(3, computed.durationMs())
                .setParameter(4, peaks)
                .executeUpdate())));
        return computed;
    }

    private Waveform compute(Recording recording) {
        long size = store.size(recording.objectKey).orElseThrow(() -> new RecordingNotFoundException(recording.id,
                "has no audio: the object is missing from the store"));
        try (InputStream wav = store.read(recording.objectKey, 0, size)) {
            return WaveformReader.read(wav, size, BUCKETS);
        } catch (IOException e) {
            throw new StorageException("read " + recording.objectKey, e);
        }
    }

    private String encode(double[][] peaks) {
        try {
            return json.writeValueAsString(peaks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private double[][] decode(String peaks) {
        try {
            return json.readValue(peaks, double[][].class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored waveform is not JSON", e);
        }
    }
}
