package io.callrec.launcher;

import io.callrec.stack.EmbeddedStack;
import io.callrec.stack.FreePorts;
import io.callrec.stack.ServiceProcess;
import io.callrec.stack.StackSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole of callrec on one machine: the embedded stack in this JVM and the four services as child processes,
 * started together and stopped together (services first, then the stack).
 */
public final class CallrecSystem implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final LauncherOptions options;
    private final EmbeddedStack stack;
    private final List<ServiceProcess> services;

    private CallrecSystem(LauncherOptions options, EmbeddedStack stack, List<ServiceProcess> services) {
        this.options = options;
        this.stack = stack;
        this.services = services;
    }

    public static CallrecSystem start(LauncherOptions o) {
        FreePorts.requireFree(o.controlPort(), "control-gateway control");
        FreePorts.requireFree(o.catalogPort(), "catalog-api HTTP");
        FreePorts.requireFree(o.gatewayHttpPort(), "control-gateway HTTP");
        FreePorts.requireFree(o.ingestHttpPort(), "rtp-ingest HTTP");
        FreePorts.requireFree(o.transcoderHttpPort(), "transcoder HTTP");
        StackSettings defaults = StackSettings.defaults(o.dataDir());
        EmbeddedStack stack = EmbeddedStack.start(new StackSettings(o.dataDir(), o.kafkaPort(), o.postgresPort(),
                o.s3Port(), defaults.bucket(), defaults.s3AccessKey(), defaults.s3SecretKey()));
        List<ServiceProcess> started = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            Map<String, String> common = stack.serviceConfig();
            // The services start side by side: their JVM start-ups overlap.
            CompletableFuture.allOf(
                    startAsync(o, "rtp-ingest", o.ingestHttpPort(), with(common,
                            "callrec.ingest.port-min", String.valueOf(o.udpPortMin()),
                            "callrec.ingest.port-max", String.valueOf(o.udpPortMax())), started),
                    startAsync(o, "transcoder", o.transcoderHttpPort(), with(common,
                            "callrec.transcoder.spool-dir", o.dataDir().resolve("spool").toString()), started),
                    startAsync(o, "catalog-api", o.catalogPort(), common, started),
                    startAsync(o, "control-gateway", o.gatewayHttpPort(), with(common,
                            "callrec.gateway.control.port", String.valueOf(o.controlPort()),
                            "callrec.gateway.ingest.static-urls", "http://127.0.0.1:" + o.ingestHttpPort()), started))
                    .join();
            return new CallrecSystem(o, stack, List.copyOf(started));
        } catch (CompletionException e) {
            new CallrecSystem(o, stack, List.copyOf(started)).close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static CompletableFuture<Void> startAsync(LauncherOptions o, String module, int port,
                                                      Map<String, String> config, List<ServiceProcess> started) {
        return CompletableFuture.runAsync(() -> started.add(ServiceProcess.start(o.projectRoot(), module, module,
                port, config, o.dataDir().resolve("logs"), READY_WITHIN)));
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> config = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    public LauncherOptions options() {
        return options;
    }

    public EmbeddedStack stack() {
        return stack;
    }

    public List<ServiceProcess> services() {
        return services;
    }

    public String catalogUrl() {
        return "http://127.0.0.1:" + options.catalogPort();
    }

    /** Where everything listens, for people. */
    public String addresses() {
        return String.join("\n",
                "  phones (control protocol, TCP)  127.0.0.1:" + options.controlPort(),
                "  RTP (UDP)                       127.0.0.1:" + options.udpPortMin() + "-" + options.udpPortMax(),
                "  catalog: web page and REST API  " + catalogUrl() + "/   (API " + catalogUrl() + "/api/v1, OpenAPI "
                        + catalogUrl() + "/q/openapi)",
                "  log in                          admin / admin (all recordings), alice / alice (device "
                        + "0c:38:3e:00:00:01, extension 1001) - change them for anything but a trial",
                "  control-gateway health/metrics  http://127.0.0.1:" + options.gatewayHttpPort() + "/q/health",
                "  rtp-ingest health/metrics       http://127.0.0.1:" + options.ingestHttpPort() + "/q/health",
                "  transcoder health/metrics       http://127.0.0.1:" + options.transcoderHttpPort() + "/q/health",
                "  Kafka                           " + stack.kafkaBootstrapServers(),
                "  PostgreSQL                      " + stack.postgres().jdbcUrl() + " (postgres/postgres)",
                "  S3 store                        " + stack.s3().endpoint() + " bucket " + stack.settings().bucket(),
                "  data and logs                   " + options.dataDir());
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        stack.close();
    }
}
