package io.callrec.launcher;

import io.callrec.stack.ServiceProcess;
import io.callrec.stack.StackStartException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Restarts a service that dies, as Kubernetes restarts a crashed container: at once the first time, then with a
 * back-off that doubles up to {@link #MAX_BACKOFF} while it keeps dying, and back to the start once it has run
 * for {@link #STABLE_AFTER}. Says so in one line each time. Same ports and configuration on every restart.
 * A service that was stopped is not restarted: at this JVM's exit each service's own shutdown hook stops it while
 * the supervisors are still being closed one by one.
 */
final class ServiceSupervisor implements AutoCloseable {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);

    private final ServiceProcess service;
    private final ScheduledExecutorService scheduler;
    private volatile boolean stopping;
    private volatile long startedAtNanos = System.nanoTime();
    private Duration backoff = FIRST_BACKOFF;
    private int restarts;

    ServiceSupervisor(ServiceProcess service) {
        this.service = service;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, service.name() + "-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        watch();
    }

    ServiceProcess service() {
        return service;
    }

    /** How often the service was restarted. */
    synchronized int restarts() {
        return restarts;
    }

    private void watch() {
        service.onExit().thenAccept(exited -> {
            if (!stopping && !service.closed()) {
                scheduleRestart("exited (exit " + exited.exitValue() + ")");
            }
        });
    }

    private synchronized void scheduleRestart(String what) {
        if (System.nanoTime() - startedAtNanos >= STABLE_AFTER.toNanos()) {
            backoff = FIRST_BACKOFF;
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        System.out.printf("callrec: %s %s; restarting it in %.1f s%n", service.name(), what, wait.toMillis() / 1e3);
        scheduler.schedule(this::restart, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        if (stopping || service.closed()) {
            return;
        }
        try {
            service.restart();
            synchronized (this) {
                restarts++;
                startedAtNanos = System.nanoTime();
            }
            System.out.printf("callrec: %s is running again (restart %d)%n", service.name(), restarts());
            watch();
        } catch (StackStartException e) {
            if (!stopping) {
                scheduleRestart("did not start again (" + e.getMessage() + ")");
            }
        }
    }

    /** Stops watching and stops the service. */
    @Override
    public void close() {
        stopping = true;
        scheduler.shutdownNow();
        service.close();
    }
}
