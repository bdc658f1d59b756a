package io.callrec.catalog.service;

import io.callrec.catalog.domain.TraceArea;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets this service's logger levels by category, at once (JBoss LogManager behind java.util.logging). TRACE is
 * only written because {@code quarkus.log.min-level} is TRACE for this service.
 */
@ApplicationScoped
public class LoggerLevels {
    private static final Map<String, Level> LEVELS = Map.of(
            "ERROR", org.jboss.logmanager.Level.ERROR,
            "WARN", org.jboss.logmanager.Level.WARN,
            "INFO", org.jboss.logmanager.Level.INFO,
            "DEBUG", org.jboss.logmanager.Level.DEBUG,
            "TRACE", org.jboss.logmanager.Level.TRACE);

    public void apply(TraceArea area, String level) {
        Level julLevel = LEVELS.get(level);
        if (julLevel == null) {
            throw new IllegalArgumentException("unknown level " + level);
        }
        for (String category : area.categories()) {
            Logger.getLogger(category).setLevel(julLevel);
        }
    }
}
