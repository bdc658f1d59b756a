package io.callrec.transcoder.storage;

import io.callrec.platform.storage.ObjectStore;
import io.callrec.platform.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/**
 * What the transcoder keeps in the object store: finished recordings as WAV files, under the keys of
 * {@code contracts/ObjectKeys}; and where it fetches an import's raw files from. Blocking, like the
 * {@link ObjectStore} under it: call from worker threads only.
 */
@ApplicationScoped
public class RecordingStore {
    private static final String WAV = "audio/wav";

    private final ObjectStore objects;

    public RecordingStore(ObjectStore objects) {
        this.objects = objects;
    }

    public void upload(String key, Path wavFile) {
        objects.upload(key, wavFile, WAV);
    }

    public boolean exists(String key) {
        return objects.size(key).isPresent();
    }

    /** Copies an import's raw file to a local file (replacing it). */
    public void download(String key, Path file) {
        objects.download(key, file);
    }

    /** Whether the store answers and has the bucket now; false during an outage. */
    public boolean answers() {
        try {
            return objects.bucketExists();
        } catch (StorageException e) {
            return false;
        }
    }
}
