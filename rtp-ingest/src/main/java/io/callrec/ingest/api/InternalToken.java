package io.callrec.ingest.api;

import io.callrec.ingest.config.IngestConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.logging.Logger;

/**
 * The credential of the internal API ({@code callrec.ingest.internal-token}). Without it anyone who reaches the
 * port could allocate ports and bypass the gateway's limits, so a production start without one fails.
 */
@Startup
@Singleton
public class InternalToken {
    private static final Logger LOG = Logger.getLogger(InternalToken.class);
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    public InternalToken(IngestConfig config) {
        String token = config.internalToken().filter(t -> !t.isBlank()).orElse(null);
        if (token == null && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("callrec.ingest.internal-token is not set: the internal API would be "
                    + "open to anyone who reaches it");
        }
        if (token == null) {
            LOG.warn("callrec.ingest.internal-token is not set: the internal API is open (dev/test only)");
        }
        this.expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an {@code Authorization} header value carries the token; compared in constant time. */
    boolean admits(String authorization) {
        if (expected == null) {
            return true;
        }
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
