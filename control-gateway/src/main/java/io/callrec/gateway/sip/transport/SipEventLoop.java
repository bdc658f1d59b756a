package io.callrec.gateway.sip.transport;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/** The one Vert.x context all SIP state lives on: messages are handled there, and others reach that state there. */
@ApplicationScoped
public class SipEventLoop {
    private final Context context;

    public SipEventLoop(Vertx vertx) {
        this.context = vertx.getOrCreateContext();
    }

    public void run(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    /** Runs {@code work} on the SIP context; its Uni completes wherever the work's does. */
    public <T> Uni<T> call(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> context.runOnContext(v -> work.get().subscribe()
                .with(emitter::complete, emitter::fail)));
    }
}
