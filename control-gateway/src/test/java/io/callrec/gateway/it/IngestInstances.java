package io.callrec.gateway.it;

import io.callrec.stack.CallrecStackTestResource;
import io.callrec.stack.Infrastructure;
import io.callrec.stack.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    public static final int PORTS_PER_INSTANCE = 50;
    private static final ServiceProcess[] RUNNING = new ServiceProcess[2];
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
                        "callrec.ingest.port-max", String.valueOf(UDP_BASES[index] + PORTS_PER_INSTANCE - 1),
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
    public static int ownerOf(int udpPort) {
        return udpPort >= UDP_BASES[1] ? 1 : 0;
    }

    /**
     * Takes ports of the instance through its internal API, as other recordings would (held, so no RTP timeout
     * frees them meanwhile); returns their ids, for {@link #free}.
     */
    public static List<UUID> occupy(int index, int count) throws Exception {
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            internal(index, "POST", "/internal/sessions", "{\"recordingId\":\"" + id
                    + "\",\"codec\":\"PCMA\",\"sourceIp\":\"127.0.0.1\"}");
            internal(index, "PUT", "/internal/sessions/" + id + "/hold?on=true", null);
            ids.add(id);
        }
        return ids;
    }

    public static void free(int index, List<UUID> ids) throws Exception {
        for (UUID id : ids) {
            internal(index, "DELETE", "/internal/sessions/" + id + "?reason=normal", null);
        }
    }

    /** The instance's open streams, from its status. */
    public static int activeSessions(int index) throws Exception {
        String status = internal(index, "GET", "/internal/status", null);
        return Integer.parseInt(status.replaceAll(".*\"activeSessions\":(\\d+).*", "$1"));
    }

    private static String internal(int index, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(index) + path))
                .header("Authorization", "Bearer " + INTERNAL_TOKEN).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    @Override
    public void stop() {
        stop(0);
        stop(1);
    }
}
