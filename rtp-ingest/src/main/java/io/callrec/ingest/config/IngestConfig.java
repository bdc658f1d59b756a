package io.callrec.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** rtp-ingest settings ({@code callrec.ingest.*}). */
@ConfigMapping(prefix = "callrec.ingest")
public interface IngestConfig {

    /** First UDP port this instance hands out. */
    @WithDefault("20000")
    int portMin();

    /** Last UDP port this instance hands out (inclusive). */
    @WithDefault("24999")
    int portMax();

    /** Address the sockets bind to. */
    @WithDefault("0.0.0.0")
    String bindHost();

    /**
     * The address of the internal API and the management port (health, metrics): loopback locally, the pod IP
     * on Kubernetes. It feeds {@code quarkus.http.host} and {@code quarkus.management.host} (application.properties
     * states it for them).
     */
    @WithDefault("127.0.0.1")
    String internalHost();

    /**
     * The shared secret the control-gateway sends as {@code Authorization: Bearer} on every {@code /internal}
     * call. Required outside dev and test: the service refuses to start without it.
     */
    Optional<String> internalToken();

    /** Address phones are told to send RTP to (the node's or load balancer's address on Kubernetes). */
    @WithDefault("127.0.0.1")
    String advertisedHost();

    /** A batch is sent when it holds this many frames... */
    @WithDefault("50")
    int batchMaxFrames();

    /** ...or when its first frame is this old, whichever comes first. */
    @WithDefault("100ms")
    Duration batchMaxDelay();

    /**
     * A recording takes RTP from the address and port of its first valid packet only. A new port from the same
     * address (a NAT that rebound the phone) is taken after the stream has been silent this long, not before: a
     * host behind the same NAT cannot splice audio into a running call.
     */
    @WithDefault("3s")
    Duration sourcePortChangeAfter();

    /** A recording that receives no RTP for this long ends with reason {@code rtp-timeout}. */
    @WithDefault("60s")
    Duration rtpTimeout();

    /**
     * A held stream (its gateway said the client sends nothing for now: a SIPREC hold) has no RTP timeout; it ends
     * with {@code rtp-timeout} only after this long without RTP, so a client that vanished during a hold does not
     * keep it open forever.
     */
    @WithDefault("4h")
    Duration holdTimeout();

    /**
     * How long after the stop packets are still taken: the phone sent them before its stop, but they can arrive
     * after it (another path than the stop's; a busy host delivering them late). The drain reads everything that
     * reached the socket until this after the stop.
     */
    @WithDefault("200ms")
    Duration drainGrace();

    /**
     * The longest an ended recording's socket is read on: the drain ends as soon as everything the kernel held for
     * it at the stop plus the grace is read, or after this if the marker that shows it was lost (a full receive
     * buffer). Longer than {@link #drainGrace()}.
     */
    @WithDefault("2s")
    Duration drainMax();

    /**
     * Where the journal of open recordings is kept, so that a restarted instance continues them on the same
     * ports. Without it nothing survives a restart.
     */
    Optional<Path> stateDir();

    /**
     * A gateway that has not polled {@code /internal/status?gatewayId=} for this long is taken for dead: its
     * recordings end with reason {@code gateway-lost}.
     */
    @WithDefault("30s")
    Duration gatewayLease();

    /** Frame batches held in memory while Kafka is slow or away; beyond this, frames are dropped and counted. */
    @WithDefault("256M")
    io.quarkus.runtime.configuration.MemorySize sendBufferMax();
}
