package io.callrec.gateway.control;

import io.callrec.gateway.config.GatewayConfig;
import io.callrec.gateway.service.RecordingService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** The TCP server phones connect to (RecordServer protocol); one {@link ControlConnection} per phone. */
@ApplicationScoped
public class ControlServer {
    private static final Logger LOG = Logger.getLogger(ControlServer.class);

    private final Vertx vertx;
    private final GatewayConfig.Control config;
    private final RecordingService recordings;
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<InetAddress, Integer> connectionsPerSource = new ConcurrentHashMap<>();
    private NetServer server;
    private volatile boolean listening;

    public ControlServer(Vertx vertx, GatewayConfig config, RecordingService recordings,
                         io.micrometer.core.instrument.MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config.control();
        this.recordings = recordings;
        registry.gauge("callrec.gateway.connections", connections);
    }

    void start(@Observes StartupEvent event) throws Exception {
        server = vertx.createNetServer(new NetServerOptions().setHost(config.host()).setPort(config.port())
                .setTcpKeepAlive(true).setTcpNoDelay(true).setAcceptBacklog(4096));
        server.connectHandler(this::accept);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("control port " + config.host() + ":" + config.port()
                    + " could not be opened: " + rootMessage(e), e);
        }
        listening = true;
        LOG.infof("Phone control protocol listening on %s:%d", config.host(), server.actualPort());
    }

    /** True from a successful listen until shutdown. */
    public boolean listening() {
        return listening;
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return server.actualPort();
    }

    /** Phone connections held now. */
    public int connections() {
        return connections.get();
    }

    private void accept(NetSocket socket) {
        if (connections.incrementAndGet() > config.maxConnections()) {
            connections.decrementAndGet();
            socket.close();
            return;
        }
        InetAddress phone;
        try {
            phone = InetAddress.getByName(socket.remoteAddress().hostAddress());
        } catch (UnknownHostException e) {
            connections.decrementAndGet();
            socket.close();
            return;
        }
        if (connectionsPerSource.merge(phone, 1, Integer::sum) > config.maxConnectionsPerSource()) {
            LOG.debugf("Refused a control connection from %s: it has %d already", phone.getHostAddress(),
                    config.maxConnectionsPerSource());
            closed(phone);
            socket.close();
            return;
        }
        new ControlConnection(socket, phone, vertx, config, recordings).start(() -> closed(phone));
    }

    private void closed(InetAddress phone) {
        connections.decrementAndGet();
        connectionsPerSource.computeIfPresent(phone, (address, count) -> count <= 1 ? null : count - 1);
    }

    void stop(@Observes ShutdownEvent event) {
        listening = false;
        if (server != null) {
            server.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
