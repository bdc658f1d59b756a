package io.callrec.platform.logging;

import io.callrec.contracts.TraceArea;
import io.callrec.contracts.TraceLevels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sets this service's logger levels for the trace areas that cover it, at once (JBoss LogManager behind
 * java.util.logging); the other services' areas are left alone. DEBUG and TRACE are only written because
 * {@code quarkus.log.min-level} is TRACE in every service.
 */
@ApplicationScoped
public class LoggerLevels {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LoggerLevels.class);
    private static final Map<String, Level> LEVELS = Map.of(
            "ERROR", org.jboss.logmanager.Level.ERROR,
            "WARN", org.jboss.logmanager.Level.WARN,
            "INFO", org.jboss.logmanager.Level.INFO,
            "DEBUG", org.jboss.logmanager.Level.DEBUG,
            "TRACE", org.jboss.logmanager.Level.TRACE);

    private final String service;

    /** @param service the running service's name, as {@link TraceArea} knows it */
    public LoggerLevels(@ConfigProperty(name = "quarkus.application.name") String service) {
        this.service = service;
    }

    /** Applies the levels of this service's areas; an unknown area or level is logged and left out. */
    public void apply(TraceLevels levels) {
        levels.levels().forEach((wireName, level) -> TraceArea.byWireName(wireName).ifPresentOrElse(
                area -> apply(area, level),
                () -> LOG.warnf("Trace level for unknown area '%s' ignored", wireName)));
    }

    private void apply(TraceArea area, String level) {
        Level julLevel = LEVELS.get(level);
        if (julLevel == null) {
            LOG.warnf("Trace level '%s' for area %s ignored: not one of %s", level, area.wireName(),
                    TraceLevels.NAMES);
            return;
        }
        for (String category : area.categories(service)) {
            Logger.getLogger(category).setLevel(julLevel);
        }
    }
}
