package io.callrec.gateway.sip.transport;

import io.callrec.gateway.config.SipConfig;
import io.callrec.gateway.service.AccessPolicy;
import io.callrec.gateway.sip.message.SipLimits;
import io.callrec.gateway.sip.message.SipMessage;
import io.callrec.gateway.sip.message.SipMessageParser;
import io.callrec.gateway.sip.message.SipParseException;
import io.callrec.gateway.sip.transaction.SipTransactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The SIP listener: UDP and TCP on one port, and TLS on another when a certificate is configured. Every message is
 * handed to {@link SipTransactions} on one Vert.x context, so the SIP state needs no locks (SIPREC call rates are
 * low; the media never passes here). Sources not in {@code callrec.sip.allowed-sources} are ignored (UDP) or
 * disconnected (TCP, TLS); a bad datagram is dropped and counted, a stream that cannot be framed is closed. TLS
 * connections are framed, limited and counted per source as TCP ones are (one count for both); their handshake
 * starts only once the source passed both.
 */
@ApplicationScoped
public class SipServer {
    private static final Logger LOG = Logger.getLogger(SipServer.class);
    private static final int BIND_ATTEMPTS = 5;

    private final Vertx vertx;
    private final SipConfig config;
    private final SipTransactions transactions;
    private final SipMessageParser parser;
    private final List<AccessPolicy.Cidr> allowed;
    private final Map<String, Integer> connectionsPerSource = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final SipEventLoop eventLoop;
    private NetServer tcp;
    private DatagramSocket udp;
    private NetServer tls;

    public SipServer(Vertx vertx, SipConfig config, SipTransactions transactions, MeterRegistry registry,
                     SipEventLoop eventLoop) {
        this.vertx = vertx;
        this.eventLoop = eventLoop;
        this.config = config;
        this.transactions = transactions;
        this.registry = registry;
        this.parser = new SipMessageParser(new SipLimits(config.maxMessageBytes(), config.maxLineBytes(),
                config.maxHeaders()));
        this.allowed = config.allowedSources().orElse(List.of()).stream().map(AccessPolicy.Cidr::parse).toList();
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Optional<NetServerOptions> tlsOptions = SipTlsOptions.of(config.tlsCertificate(), config.tlsKey(),
                config.tlsClientCa(), vertx);
        bindUdpAndTcp();
        if (tlsOptions.isPresent()) {
            try {
                bindTls(tlsOptions.get());
            } catch (Exception e) {
                close();
                throw new IllegalStateException("SIP TLS port " + config.host() + ":" + config.tlsPort()
                        + " could not be opened: " + e.getMessage(), e);
            }
            LOG.infof("SIPREC recording server listening on %s:%d (TLS%s)", config.host(), tls.actualPort(),
                    config.tlsClientCa().isPresent() ? ", client certificate required" : "");
        }
    }

    private void bindUdpAndTcp() {
        Exception last = null;
        // With port 0 the TCP port is chosen first and UDP takes the same number; another process may hold it.
        for (int attempt = 0; attempt < (config.port() == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            try {
                bind();
                LOG.infof("SIPREC recording server listening on %s:%d (UDP and TCP)", config.host(), port());
                return;
            } catch (Exception e) {
                last = e;
                close();
            }
        }
        throw new IllegalStateException("SIP port " + config.host() + ":" + config.port() + " could not be opened: "
                + last.getMessage(), last);
    }

    private void bind() throws Exception {
        tcp = vertx.createNetServer(streamOptions(new NetServerOptions(), config.port()));
        tcp.connectHandler(socket -> accept(socket, "TCP"));
        tcp.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        udp = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(1 << 20));
        udp.handler(this::datagram);
        udp.exceptionHandler(error -> LOG.debugf("SIP UDP socket: %s", error.getMessage()));
        udp.listen(tcp.actualPort(), config.host()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private void bindTls(NetServerOptions options) throws Exception {
        tls = vertx.createNetServer(streamOptions(options, config.tlsPort()));
        tls.connectHandler(socket -> accept(socket, "TLS"));
        tls.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private NetServerOptions streamOptions(NetServerOptions options, int port) {
        return options.setHost(config.host()).setPort(port).setTcpKeepAlive(true).setTcpNoDelay(true);
    }

    /** The bound port (UDP and TCP), also when configured as 0. */
    public int port() {
        return tcp.actualPort();
    }

    /** The bound TLS port, also when configured as 0; empty when TLS is off. */
    public OptionalInt tlsPort() {
        return tls == null ? OptionalInt.empty() : OptionalInt.of(tls.actualPort());
    }

    private void datagram(DatagramPacket packet) {
        InetSocketAddress remote = new InetSocketAddress(packet.sender().host(), packet.sender().port());
        if (!allowed(remote)) {
            dropped("not-allowed");
            return;
        }
        byte[] bytes = packet.data().getBytes();
        SipMessage message;
        try {
            message = parser.parse(bytes, 0, bytes.length);
        } catch (SipParseException e) {
            LOG.debugf("Dropped a SIP datagram from %s: %s", remote, e.getMessage());
            dropped("malformed");
            return;
        }
        if (message != null) {
            deliver(message, new UdpChannel(remote));
        }
    }

    /** @param transport the Via transport token of the connection: {@code TCP} or {@code TLS} */
    private void accept(NetSocket socket, String transport) {
        InetSocketAddress remote = new InetSocketAddress(socket.remoteAddress().hostAddress(),
                socket.remoteAddress().port());
        String source = remote.getAddress().getHostAddress();
        if (!allowed(remote)) {
            dropped("not-allowed");
            socket.close();
            return;
        }
        if (connectionsPerSource.merge(source, 1, Integer::sum) > config.maxConnectionsPerSource()) {
            dropped("connection-limit");
            socket.closeHandler(v -> release(source));
            socket.close();
            return;
        }
        socket.closeHandler(v -> release(source));
        if (!transport.equals("TLS")) {
            read(socket, remote, transport);
            return;
        }
        // The handshake starts only now, for an allowed source within its connection limit. Failures: plain TCP,
        // no or an unknown client certificate, TLS older than 1.2.
        socket.upgradeToSsl().onComplete(handshake -> {
            if (handshake.succeeded()) {
                read(socket, remote, transport);
            } else {
                LOG.debugf("SIP TLS handshake with %s failed: %s", remote, handshake.cause().getMessage());
                dropped("tls-handshake");
                socket.close();
            }
        });
    }

    /** Frames and delivers what the connection brings; a stream that cannot be framed is closed. */
    private void read(NetSocket socket, InetSocketAddress remote, String transport) {
        SipStreamFramer framer = new SipStreamFramer(parser);
        ConnectionChannel channel = new ConnectionChannel(socket, remote, transport);
        socket.exceptionHandler(error -> socket.close());
        socket.handler(buffer -> {
            try {
                for (byte[] whole : framer.feed(buffer.getBytes())) {
                    SipMessage message = parser.parse(whole, 0, whole.length);
                    if (message != null) {
                        deliver(message, channel);
                    }
                }
            } catch (SipParseException e) {
                LOG.debugf("Closed the SIP connection from %s: %s", remote, e.getMessage());
                dropped("malformed");
                socket.close();
            }
        });
    }

    private void deliver(SipMessage message, SipChannel channel) {
        eventLoop.run(() -> transactions.receive(message, channel));
    }

    private boolean allowed(InetSocketAddress remote) {
        return allowed.isEmpty() || allowed.stream().anyMatch(range -> range.contains(remote.getAddress()));
    }

    private void release(String source) {
        connectionsPerSource.computeIfPresent(source, (key, count) -> count <= 1 ? null : count - 1);
    }

    private void dropped(String why) {
        registry.counter("callrec.sip.dropped", "reason", why).increment();
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    private void close() {
        if (tcp != null) {
            tcp.close();
            tcp = null;
        }
        if (udp != null) {
            udp.close();
            udp = null;
        }
        if (tls != null) {
            tls.close();
            tls = null;
        }
    }

    private final class UdpChannel implements SipChannel {
        private final InetSocketAddress remote;

        UdpChannel(InetSocketAddress remote) {
            this.remote = remote;
        }

        @Override
        public void send(SipMessage message) {
            DatagramSocket socket = udp;
            if (socket != null) {
                socket.send(Buffer.buffer(message.encode()), remote.getPort(), remote.getAddress().getHostAddress());
            }
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public boolean reliable() {
            return false;
        }

        @Override
        public String transport() {
            return "UDP";
        }
    }

    /** A TCP or TLS connection: responses and our own requests go back over it. */
    private static final class ConnectionChannel implements SipChannel {
        private final NetSocket socket;
        private final InetSocketAddress remote;
        private final String transport;

        ConnectionChannel(NetSocket socket, InetSocketAddress remote, String transport) {
            this.socket = socket;
            this.remote = remote;
            this.transport = transport;
        }

        @Override
        public void send(SipMessage message) {
            socket.write(Buffer.buffer(message.encode()));
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public boolean reliable() {
            return true;
        }

        @Override
        public String transport() {
            return transport;
        }
    }
}
