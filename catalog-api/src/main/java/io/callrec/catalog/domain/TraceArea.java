package io.callrec.catalog.domain;

import java.util.List;
import java.util.Optional;

/**
 * The areas an admin sets log levels for (as in the product's admin app), and the logger categories each one
 * covers across the services. Only the catalog's own categories have loggers in this service.
 */
public enum TraceArea {
    /** rtp-ingest, and control-gateway's session handling and ingest calls. */
    RECORDING("recording", List.of("io.callrec.ingest", "io.callrec.gateway.service", "io.callrec.gateway.ingest")),
    /** control-gateway's control protocol. */
    CALL_INFORMATION("callInformation", List.of("io.callrec.gateway.control")),
    CONVERTING("converting", List.of("io.callrec.transcoder")),
    /** The catalog's sign-in and access. */
    LICENSING("licensing", List.of("io.callrec.catalog.security")),
    /** The catalog's REST API. */
    UI("ui", List.of("io.callrec.catalog.api"));

    private final String wireName;
    private final List<String> categories;

    TraceArea(String wireName, List<String> categories) {
        this.wireName = wireName;
        this.categories = categories;
    }

    public String wireName() {
        return wireName;
    }

    public List<String> categories() {
        return categories;
    }

    public static Optional<TraceArea> byWireName(String name) {
        for (TraceArea area : values()) {
            if (area.wireName.equals(name)) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }
}
