package io.callrec.gateway.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A "Kafka" that takes connections and never answers, as a cluster that is away: every metadata request and
 * produce times out. The gateway is pointed at it; everything else keeps the embedded stack's real Kafka.
 */
public class UnansweringKafka implements QuarkusTestResourceLifecycleManager {
    private ServerSocket listener;

    @Override
    public Map<String, String> start() {
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + listener.getLocalPort());
    }

    @Override
    public void stop() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
