package io.callrec.catalog.api;

import io.callrec.catalog.service.ImportReceipt;
import java.util.List;
import java.util.UUID;

/** The answer to an upload: the import and the recordings it will become, and where to follow it. */
public record ImportReceiptView(UUID importId, List<UUID> recordingIds, String statusUrl) {
    public static ImportReceiptView of(ImportReceipt receipt) {
        return new ImportReceiptView(receipt.importId(), receipt.recordingIds(),
                ImportResource.PATH + "/" + receipt.importId());
    }
}
