package io.callrec.catalog.api.signin;

import java.time.Duration;

/**
 * Why a login was refused unchecked: too many failed before it. The cause of the authentication failure, answered
 * 429 with Retry-After by {@link LoginThrottledHandler}.
 */
public class LoginThrottledException extends RuntimeException {
    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("Too many failed logins; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
