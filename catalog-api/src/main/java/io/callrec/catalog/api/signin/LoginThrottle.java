package io.callrec.catalog.api.signin;

import io.callrec.catalog.config.SignInConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per user name and per source address in fixed windows, in memory. Once either count reaches
 * its limit, every login of that user or from that address waits for the end of the window, right password or not.
 */
@ApplicationScoped
public class LoginThrottle {
    private final SignInConfig.Throttle config;
    private final Map<String, Window> windows = new LinkedHashMap<>();

    public LoginThrottle(SignInConfig config) {
        this.config = config.throttle();
    }

    /** How long the caller must wait before trying again, if they must. */
    public synchronized Optional<Duration> waitBefore(String user, String address) {
        Instant now = Instant.now();
        Optional<Duration> userWait = waitFor(userKey(user), config.failuresPerUser(), now);
        Optional<Duration> addressWait = waitFor(addressKey(address), config.failuresPerAddress(), now);
        return userWait.isPresent() && addressWait.isPresent()
                ? Optional.of(userWait.get().compareTo(addressWait.get()) > 0 ? userWait.get() : addressWait.get())
                : userWait.or(() -> addressWait);
    }

    public synchronized void failed(String user, String address) {
        Instant now = Instant.now();
        count(userKey(user), now);
        count(addressKey(address), now);
    }

    private Optional<Duration> waitFor(String key, int limit, Instant now) {
        Window window = windows.get(key);
        if (window == null || !window.end.isAfter(now) || window.failures < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.end));
    }

    private void count(String key, Instant now) {
        Window window = windows.get(key);
        if (window == null || !window.end.isAfter(now)) {
            if (windows.size() >= config.maxTracked()) {
                windows.values().removeIf(w -> !w.end.isAfter(now));
            }
            if (windows.size() >= config.maxTracked()) {
                windows.entrySet().stream().min(Comparator.comparing(e -> e.getValue().end))
                        .ifPresent(oldest -> windows.remove(oldest.getKey()));
            }
            window = new Window(now.plus(config.window()));
            windows.put(key, window);
        }
        window.failures++;
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static final class Window {
        private final Instant end;
        private int failures;

        private Window(Instant end) {
            this.end = end;
        }
    }
}
