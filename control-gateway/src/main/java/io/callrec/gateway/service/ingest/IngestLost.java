package io.callrec.gateway.service.ingest;

import java.net.URI;

/** CDI event: the instance has not answered for longer than {@code ingest.lost-after}; fired once per outage. */
public record IngestLost(URI ingest) {
}
