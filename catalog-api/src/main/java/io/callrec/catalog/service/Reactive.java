package io.callrec.catalog.service;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs reactive Hibernate work from a blocking thread (Kafka consumer, scheduler, blocking endpoints): the Uni is
 * subscribed on a Vert.x context, as Hibernate Reactive requires, and this thread waits for its result.
 */
public final class Reactive {
    private Reactive() {
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
