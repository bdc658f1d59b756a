package io.callrec.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** control-gateway settings ({@code callrec.gateway.*}). */
@ConfigMapping(prefix = "callrec.gateway")
public interface GatewayConfig {

    /** Phone control protocol listener. */
    Control control();

    /** Who may record and how much. */
    Limits limits();

    /** Where the rtp-ingest instances are. */
    Ingest ingest();

    /** Session events Kafka could not take at once. */
    Events events();

    interface Control {
        @WithDefault("0.0.0.0")
        String host();

        @WithDefault("7100")
        int port();

        /** A longer line is refused with {@code invalid-request} (and the connection stays usable). */
        @WithDefault("4096")
        int maxLineBytes();

        /** An unterminated message is complete after the connection has been quiet this long. */
        @WithDefault("300ms")
        Duration quietTime();

        /** A connection with no recording open and no message for this long is closed. */
        @WithDefault("120s")
        Duration idleTimeout();

        /** Connections beyond this are closed at once. */
        @WithDefault("20000")
        int maxConnections();

        /** Connections from one address beyond this are closed at once (a site behind NAT shares one). */
        @WithDefault("500")
        int maxConnectionsPerSource();

        /** A connection that sends this many bad lines in a row (and no good one between) is closed. */
        @WithDefault("5")
        int maxBadLines();

        /**
         * Answers waiting to be sent on one connection, in bytes; beyond this the connection is not read until the
         * phone has taken them (a client that never reads cannot make the gateway buffer without bound).
         */
        @WithDefault("16384")
        int maxQueuedAnswerBytes();
    }

    interface Limits {
        /** Open recordings per device (MAC) on this gateway instance. */
        @WithDefault("4")
        int maxRecordingsPerDevice();

        /** Open recordings on this gateway instance. */
        @WithDefault("10000")
        int maxRecordingsTotal();

        /**
         * Open recordings per phone address (the device id is the phone's own word, its address is not), so one
         * host cannot take every port.
         */
        @WithDefault("1000")
        int maxRecordingsPerSource();

        /** When set, only phones whose address is in one of these CIDR ranges may record. */
        Optional<List<String>> allowedSources();

        /** When set, only these device MACs may record (case and separators ignored). */
        Optional<List<String>> allowedDevices();
    }

    interface Ingest {
        /** {@code static}: the URLs below; {@code dns}: every address of {@link #dnsName()} (a headless Service). */
        @WithDefault("static")
        String discovery();

        @WithDefault("http://127.0.0.1:8092")
        List<String> staticUrls();

        Optional<String> dnsName();

        /** The ingest instances' HTTP port, for DNS discovery. */
        @WithDefault("8080")
        int port();

        /** How often each instance's status is read. */
        @WithDefault("1s")
        Duration statusInterval();

        /** Above rtp-ingest's drain-max (2s): an end is answered only once its stream has been drained. */
        @WithDefault("5s")
        Duration requestTimeout();

        /**
         * An instance holding recordings of this gateway that answers no status for this long is taken for lost:
         * its recordings end with {@code ingest-lost} and their phones' connections are closed.
         */
        @WithDefault("30s")
        Duration lostAfter();

        /**
         * How often this gateway asks each ingest which of its recordings it no longer holds (ended by RTP
         * timeout): those are ended here too, so that they stop counting against the limits.
         */
        @WithDefault("15s")
        Duration presenceInterval();
    }

    interface Events {
        /** Stopped events Kafka did not take, kept in memory and retried; beyond this they are dropped (logged). */
        @WithDefault("10000")
        int retryCapacity();

        /** Wait before the first retry of a stopped event; it doubles up to a minute while Kafka stays away. */
        @WithDefault("1s")
        Duration retryBackoff();
    }
}
