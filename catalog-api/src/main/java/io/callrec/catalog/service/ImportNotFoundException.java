package io.callrec.catalog.service;

import java.util.UUID;

/** No such import, or one the caller did not make. */
public class ImportNotFoundException extends RuntimeException {
    public ImportNotFoundException(UUID id) {
        super("Import " + id + " does not exist.");
    }
}
