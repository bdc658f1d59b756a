package io.callrec.platform.storage;

/** The object store failed or could not be reached. */
public class StorageException extends RuntimeException {
    public StorageException(String what, Throwable cause) {
        super("object store: " + what + " failed: " + cause.getMessage(), cause);
    }
}
