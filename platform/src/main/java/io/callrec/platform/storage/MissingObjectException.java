package io.callrec.platform.storage;

/** The object store answered that the object is not there: asking again gives the same answer. */
public class MissingObjectException extends StorageException {
    public MissingObjectException(String what, Throwable cause) {
        super(what, cause);
    }
}
