package io.callrec.gateway.service.ingest;

import java.net.URI;

/** A port an ingest instance opened for a recording; {@code ingest} is where to end it. */
public record IngestAllocation(URI ingest, String host, int port) {
}
