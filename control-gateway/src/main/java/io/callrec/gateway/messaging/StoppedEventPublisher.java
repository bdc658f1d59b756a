package io.callrec.gateway.messaging;

import io.callrec.contracts.SessionEvent;
import io.callrec.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jboss.logging.Logger;

/**
 * Publishes "stopped" session events, which must not be lost: without one the catalog shows the recording open
 * for ever. What Kafka does not take is kept (in memory, up to {@code events.retry-capacity}) and sent again, in
 * order and with a growing pause, until it does. Events behind a waiting one queue up behind it.
 */
@ApplicationScoped
public class StoppedEventPublisher {
    private static final Logger LOG = Logger.getLogger(StoppedEventPublisher.class);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    private final SessionEventPublisher events;
    private final Vertx vertx;
    private final int capacity;
    private final Duration firstPause;
    private final Deque<SessionEvent> waiting = new ArrayDeque<>(); // guarded by this

    public StoppedEventPublisher(SessionEventPublisher events, Vertx vertx, GatewayConfig config,
                                 MeterRegistry registry) {
        this.events = events;
        this.vertx = vertx;
        this.capacity = config.events().retryCapacity();
        this.firstPause = config.events().retryBackoff();
        registry.gauge("callrec.gateway.stopped-events.waiting", this, StoppedEventPublisher::waiting);
    }

    /** Completes once Kafka has the event or it is kept for retry; never fails. */
    public Uni<Void> publish(SessionEvent stopped) {
        synchronized (this) {
            if (!waiting.isEmpty()) {
                keep(stopped, "earlier stopped events are still waiting for Kafka");
                return Uni.createFrom().voidItem();
            }
        }
        return events.publish(stopped).onFailure().recoverWithItem(error -> {
            boolean first;
            synchronized (this) {
                first = waiting.isEmpty();
                keep(stopped, String.valueOf(error.getMessage()));
            }
            if (first) {
                retryAfter(firstPause);
            }
            return null;
        });
    }

    private synchronized int waiting() {
        return waiting.size();
    }

    private void keep(SessionEvent stopped, String why) {
        if (waiting.size() >= capacity) {
            LOG.errorf("Recording %s: stopped event (%s) dropped: %d stopped events already wait for Kafka",
                    stopped.recordingId(), stopped.reason(), waiting.size());
            return;
        }
        waiting.add(stopped);
        LOG.warnf("Recording %s: stopped event (%s) not stored (%s); retrying until Kafka takes it (%d waiting)",
                stopped.recordingId(), stopped.reason(), why, waiting.size());
    }

    private void retryAfter(Duration pause) {
        vertx.setTimer(pause.toMillis(), id -> sendOldest(pause));
    }

    private void sendOldest(Duration pause) {
        SessionEvent oldest;
        synchronized (this) {
            oldest = waiting.peek();
        }
        events.publish(oldest).subscribe().with(stored -> {
            int left;
            synchronized (this) {
                waiting.poll();
                left = waiting.size();
            }
            if (left == 0) {
                LOG.infof("Kafka took every stopped event kept for retry (the last for recording %s)",
                        oldest.recordingId());
            } else {
                sendOldest(firstPause);
            }
        }, error -> retryAfter(pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
                : pause.multipliedBy(2)));
    }

    void reportUnsent(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (!waiting.isEmpty()) {
                LOG.errorf("Shutting down with %d stopped events Kafka never took (recordings %s)", waiting.size(),
                        waiting.stream().map(SessionEvent::recordingId).toList());
            }
        }
    }
}
