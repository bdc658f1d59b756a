package io.callrec.gateway.it;

import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.Infrastructure;
import io.callrec.stack.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two real rtp-ingest processes (the packaged app) on the embedded stack, for the gateway's tests. Each owns its
 * own UDP range; tests may stop and restart them.
 */
public class IngestInstances implements QuarkusTestResourceLifecycleManager {
    static final String INTERNAL_TOKEN = "gateway-tests-internal-token";
    private static final String TOKEN_KEY = "callrec.ingest.internal-token";
    // Below the kernel's ephemeral range, so no outgoing socket holds one of them.
    static final int[] UDP_BASES = {17000, 17100};
    private static final ServiceProcess[] RUNNING = new ServiceProcess[2];

    @Override
    public Map<String, String> start() {
        start(0);
        start(1);
        return Map.of("callrec.gateway.ingest.static-urls", url(0) + "," + url(1), TOKEN_KEY, INTERNAL_TOKEN);
    }

    static String url(int index) {
        return RUNNING[index].baseUrl();
    }

    /** Starts the instance, or starts it again on the same ports after {@link #stop}. */
    static synchronized void start(int index) {
        if (RUNNING[index] != null) {
            if (!RUNNING[index].isAlive()) {
                RUNNING[index].restart();
            }
            return;
        }
        Infrastructure stack = CallrecStackTestResource.stack();
        RUNNING[index] = ServiceProcess.start(Path.of("..").toAbsolutePath().normalize(), "rtp-ingest",
                "rtp-ingest-" + index, 0, 0, Map.of(
                        "kafka.bootstrap.servers", stack.kafkaBootstrapServers(), TOKEN_KEY, INTERNAL_TOKEN,
                        "callrec.ingest.port-min", String.valueOf(UDP_BASES[index]),
                        "callrec.ingest.port-max", String.valueOf(UDP_BASES[index] + 49),
                        "callrec.ingest.rtp-timeout", "5s"),
                Path.of("target"), Duration.ofSeconds(90));
    }

    static synchronized void stop(int index) {
        if (RUNNING[index] != null) {
            RUNNING[index].close();
        }
    }

    /** Freezes the process (SIGSTOP): its sockets stay open but it answers nothing, like a hung host. */
    static void suspend(int index) throws Exception {
        signal(index, "STOP");
    }

    /** Lets a suspended process run again (SIGCONT). */
    static void resume(int index) throws Exception {
        signal(index, "CONT");
    }

    private static void signal(int index, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(RUNNING[index].pid())).inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " of rtp-ingest-" + index + " failed");
        }
    }

    /** Prometheus text of the instance owning this UDP port. */
    public static String metricsOfOwner(int udpPort) throws IOException {
        try (InputStream in = URI.create(RUNNING[ownerOf(udpPort)].managementUrl() + "/q/metrics").toURL()
                .openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Which instance owns a UDP port. */
    static int ownerOf(int udpPort) {
        return udpPort >= UDP_BASES[1] ? 1 : 0;
    }

    @Override
    public void stop() {
        stop(0);
        stop(1);
    }
}
