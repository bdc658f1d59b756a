package io.callrec.gateway.service.ingest;

import java.net.URI;

/** CDI event: the instance answered with a new {@code instanceId}, so its process started again. */
public record IngestRestarted(URI ingest, String instanceId) {
}
