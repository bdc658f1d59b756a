package io.callrec.catalog.service;

import io.callrec.catalog.domain.ImportBatch;
import io.callrec.catalog.domain.ImportedFile;
import io.callrec.catalog.domain.Recording;
import java.util.List;

/** An import with its files and the recordings they became. */
public record ImportStatus(ImportBatch batch, List<ImportedFile> files, List<Recording> recordings) {
}
