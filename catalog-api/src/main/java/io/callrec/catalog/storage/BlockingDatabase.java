package io.callrec.catalog.storage;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * The database as the catalog's blocking threads reach it (Kafka consumer, scheduler, blocking endpoints): the
 * reactive Hibernate work is subscribed on a Vert.x context, as Hibernate Reactive requires, and the calling
 * thread waits for its result. Never call from an event loop.
 */
@ApplicationScoped
public class BlockingDatabase {
    public <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
