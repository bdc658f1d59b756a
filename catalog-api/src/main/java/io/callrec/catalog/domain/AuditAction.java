package io.callrec.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** What a person (or the retention job) did, as written to the audit log. */
public enum AuditAction {
    LISTEN("listen"),
    DOWNLOAD("download"),
    PROTECT("protect"),
    UNPROTECT("unprotect"),
    LEGAL_HOLD("legal-hold"),
    LIFT_LEGAL_HOLD("lift-legal-hold"),
    DELETE("delete"),
    RETENTION_DELETE("retention-delete"),
    SET_RETENTION("set-retention"),
    SET_GROUP("set-group"),
    DELETE_GROUP("delete-group"),
    SET_TRACE_LEVELS("set-trace-levels"),
    IMPORT("import");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<AuditAction> byWireName(String name) {
        for (AuditAction action : values()) {
            if (action.wireName.equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
