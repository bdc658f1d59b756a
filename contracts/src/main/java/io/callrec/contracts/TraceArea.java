package io.callrec.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The areas an admin sets log levels for (as in the product's admin app), and the logger categories each one
 * covers in each service (by {@code quarkus.application.name}).
 */
public enum TraceArea {
    /** rtp-ingest, and control-gateway's session handling and ingest calls. */
    RECORDING("recording", Map.of(
            "rtp-ingest", List.of("io.callrec.ingest"),
            "control-gateway", List.of("io.callrec.gateway.service", "io.callrec.gateway.sip"))),
    /** control-gateway's control protocol. */
    CALL_INFORMATION("callInformation", Map.of("control-gateway", List.of("io.callrec.gateway.control"))),
    CONVERTING("converting", Map.of("transcoder", List.of("io.callrec.transcoder"))),
    /** The catalog's sign-in and access. */
    LICENSING("licensing", Map.of("catalog-api",
            List.of("io.callrec.catalog.api.signin", "io.callrec.catalog.service.access"))),
    /** The catalog's REST API. */
    UI("ui", Map.of("catalog-api", List.of("io.callrec.catalog.api")));

    private final String wireName;
    private final Map<String, List<String>> categoriesByService;

    TraceArea(String wireName, Map<String, List<String>> categoriesByService) {
        this.wireName = wireName;
        this.categoriesByService = categoriesByService;
    }

    public String wireName() {
        return wireName;
    }

    /** The logger categories this area covers in the named service; none when the area is not that service's. */
    public List<String> categories(String service) {
        return categoriesByService.getOrDefault(service, List.of());
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
