package io.callrec.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callrec.contracts.SessionEvent;
import io.callrec.contracts.StopReasons;
import io.callrec.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoppedEventPublisherTest {
    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void stoppedEventsKafkaRefusesAreSentAgainInOrderUntilItTakesThem() {
        KafkaAwayFor kafka = new KafkaAwayFor(3);
        StoppedEventPublisher publisher = new StoppedEventPublisher(kafka, vertx, config(10), registry);
        SessionEvent first = stopped();
        SessionEvent second = stopped();

        publisher.publish(first).await().atMost(Duration.ofSeconds(1));
        publisher.publish(second).await().atMost(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.stored.size() == 2);
        assertThat(kafka.stored).containsExactly(first, second);
        assertThat(waiting()).isZero();
    }

    @Test
    void whatWaitsIsBoundedAndPublishingNeverFails() {
        KafkaAwayFor kafka = new KafkaAwayFor(Integer.MAX_VALUE);
        StoppedEventPublisher publisher = new StoppedEventPublisher(kafka, vertx, config(2), registry);

        for (int i = 0; i < 3; i++) {
            publisher.publish(stopped()).await().atMost(Duration.ofSeconds(1));
        }

        assertThat(waiting()).isEqualTo(2);
        assertThat(kafka.stored).isEmpty();
    }

    private double waiting() {
        return registry.get("callrec.gateway.stopped-events.waiting").gauge().value();
    }

    private static SessionEvent stopped() {
        return SessionEvent.stopped(UUID.randomUUID(), "s", StopReasons.NORMAL, Instant.now());
    }

    private static GatewayConfig config(int capacity) {
        return new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // "300ms", as Quarkus reads it
                .withSources(new PropertiesConfigSource(Map.of(
                        "callrec.gateway.events.retry-capacity", Integer.toString(capacity),
                        "callrec.gateway.events.retry-backoff", "20ms"), "test", 500))
                .build().getConfigMapping(GatewayConfig.class);
    }

    /** Kafka that refuses the first {@code refusals} sends, then stores. */
    private static final class KafkaAwayFor extends SessionEventPublisher {
        final List<SessionEvent> stored = new CopyOnWriteArrayList<>();
        private final AtomicInteger refusalsLeft;

        KafkaAwayFor(int refusals) {
            super(null);
            this.refusalsLeft = new AtomicInteger(refusals);
        }

        @Override
        public Uni<Void> publish(SessionEvent event) {
            if (refusalsLeft.getAndDecrement() > 0) {
                return Uni.createFrom().failure(new IllegalStateException("Kafka away"));
            }
            stored.add(event);
            return Uni.createFrom().voidItem();
        }
    }
}
