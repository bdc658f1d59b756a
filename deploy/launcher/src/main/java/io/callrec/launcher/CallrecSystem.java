package io.callrec.launcher;

import io.callrec.stack.EmbeddedStack;
import io.callrec.stack.FreePorts;
import io.callrec.stack.ServiceProcess;
import io.callrec.stack.StackSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The whole of callrec on one machine: the embedded stack in this JVM and the four services as child processes
 * (rtp-ingest and transcoder as many times as {@link LauncherOptions} asks), each watched by a
 * {@link ServiceSupervisor} that restarts it if it dies. Started together, stopped together (services first, then
 * the stack). A port of 0 in the options means "any free port"; {@link #options()} gives
 * the ports actually used.
 */
public final class CallrecSystem implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    static final String GATEWAY = "control-gateway";
    static final String INGEST = "rtp-ingest";
    static final String TRANSCODER = "transcoder";
    static final String CATALOG = "catalog-api";
    private static final String CONTROL_PORT = "callrec.gateway.control.port";
    private static final String SIP_PORT = "callrec.sip.port";
    private static final int DEFAULT_SIP_PORT = 5060;
    /** The gateway's HTTP port serves URL record (the phones' record key) only. */
    private static final int DEFAULT_URL_RECORD_PORT = 8085;
    private static final String INTERNAL_TOKEN = "callrec.ingest.internal-token";

    private final LauncherOptions options;
    private final EmbeddedStack stack;
    private final Map<String, ServiceSupervisor> services;
    private final AdminLogin admin;

    private CallrecSystem(LauncherOptions options, EmbeddedStack stack, Map<String, ServiceSupervisor> services,
                          AdminLogin admin) {
        this.options = options;
        this.stack = stack;
        this.services = services;
        this.admin = admin;
    }

    public static CallrecSystem start(LauncherOptions o) {
        return start(o, Map.of());
    }

    /**
     * @param extraConfig per service name, Quarkus properties that override the launcher's (timeouts, for
     *                    example)
     */
    public static CallrecSystem start(LauncherOptions o, Map<String, Map<String, String>> extraConfig) {
        FreePorts.requireFree(o.controlPort(), "control-gateway control");
        FreePorts.requireFree(o.catalogPort(), "catalog-api HTTP");
        FreePorts.requireFree(o.catalogManagementPort(), "catalog-api management");
        FreePorts.requireFree(o.gatewayManagementPort(), "control-gateway management");
        FreePorts.requireFree(o.ingestManagementPort(), "rtp-ingest management");
        FreePorts.requireFree(o.transcoderManagementPort(), "transcoder management");
        // Asked for free ports (tests), SIP and URL record take chosen ones too; otherwise their defaults.
        boolean anyFreePorts = o.controlPort() == 0;
        int sipPort = anyFreePorts ? 0 : DEFAULT_SIP_PORT;
        int urlRecordPort = anyFreePorts ? 0 : DEFAULT_URL_RECORD_PORT;
        FreePorts.requireFree(sipPort, "control-gateway SIP");
        FreePorts.requireFree(urlRecordPort, "control-gateway URL record (HTTP)");
        StackSettings defaults = StackSettings.defaults(o.dataDir());
        EmbeddedStack stack = EmbeddedStack.start(new StackSettings(o.dataDir(), o.kafkaPort(), o.postgresPort(),
                o.s3Port(), defaults.bucket(), defaults.s3AccessKey(), defaults.s3SecretKey(), defaults.advertisedHost()));
        Map<String, ServiceSupervisor> started = Collections.synchronizedMap(new LinkedHashMap<>());
        AdminLogin admin = AdminLogin.inDataDir(o.dataDir());
        try {
            Map<String, String> common = stack.serviceConfig();
            String internalToken = InternalTokenFile.readOrCreate(o.dataDir());
            Starter starter = new Starter(o, extraConfig, started);
            // The services start side by side (their JVM start-ups overlap); the gateway needs the ingests' ports.
            // Only the catalog and the ingest's internal API serve HTTP; the ingest's takes any free port.
            List<CompletableFuture<ServiceProcess>> ingests = new ArrayList<>();
            for (int i = 1; i <= o.ingests(); i++) {
                int[] udp = o.udpSlice(i);
                ingests.add(starter.start(INGEST, instanceName(INGEST, i, o.ingests()), 0,
                        i == 1 ? o.ingestManagementPort() : 0, with(common,
                        INTERNAL_TOKEN, internalToken,
                        "callrec.ingest.port-min", String.valueOf(udp[0]),
                        "callrec.ingest.port-max", String.valueOf(udp[1]),
                        "callrec.ingest.state-dir", o.dataDir().resolve(instanceName("ingest-state", i, o.ingests()))
                                .toString()), Set.of()));
            }
            List<CompletableFuture<ServiceProcess>> all = new ArrayList<>();
            for (int i = 1; i <= o.transcoders(); i++) {
                all.add(starter.start(TRANSCODER, instanceName(TRANSCODER, i, o.transcoders()), 0,
                        i == 1 ? o.transcoderManagementPort() : 0, with(common, "callrec.transcoder.spool-dir",
                                o.dataDir().resolve(instanceName("spool", i, o.transcoders())).toString()), Set.of()));
            }
            all.add(starter.start(CATALOG, CATALOG, o.catalogPort(), o.catalogManagementPort(),
                    withAll(common, admin.catalogConfig()), Set.of()));
            all.add(CompletableFuture.allOf(ingests.toArray(CompletableFuture[]::new))
                    .thenCompose(none -> starter.start(GATEWAY, GATEWAY, urlRecordPort, o.gatewayManagementPort(),
                            with(common,
                                    INTERNAL_TOKEN, internalToken,
                                    CONTROL_PORT, String.valueOf(o.controlPort()),
                                    SIP_PORT, String.valueOf(sipPort),
                                    "callrec.gateway.ingest.static-urls", String.join(",", ingests.stream()
                                            .map(ingest -> ingest.join().baseUrl()).toList())),
                            anyFreePorts ? Set.of(CONTROL_PORT, SIP_PORT) : Set.of())));
            all.addAll(ingests);
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            return new CallrecSystem(resolved(o, stack, started), stack, started, admin);
        } catch (CompletionException e) {
            new CallrecSystem(o, stack, started, admin).close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The name of process {@code instance} of {@code count}: the name itself when there is one (so that a single
     * instance keeps the names and folders it always had), else the name with the number ({@code rtp-ingest-2}).
     */
    private static String instanceName(String name, int instance, int count) {
        return count == 1 ? name : name + "-" + instance;
    }

    /** Starts services in the background, each under its supervisor once it is ready. */
    private record Starter(LauncherOptions options, Map<String, Map<String, String>> extraConfig,
                           Map<String, ServiceSupervisor> started) {
        /** @param name the process's name (its log file, its key in {@link #service(String)}) */
        CompletableFuture<ServiceProcess> start(String module, String name, int port, int managementPort,
                                                Map<String, String> config, Set<String> portKeys) {
            Map<String, String> all = new LinkedHashMap<>(config);
            all.putAll(extraConfig.getOrDefault(module, Map.of()));
            return CompletableFuture.supplyAsync(() -> {
                ServiceProcess service = ServiceProcess.start(options.projectRoot(), module, name, port,
                        managementPort, all, portKeys, options.dataDir().resolve("logs"), READY_WITHIN);
                started.put(name, new ServiceSupervisor(service));
                return service;
            });
        }
    }

    private static LauncherOptions resolved(LauncherOptions o, EmbeddedStack stack,
                                            Map<String, ServiceSupervisor> started) {
        ServiceProcess gateway = started.get(GATEWAY).service();
        return new LauncherOptions(o.projectRoot(), o.dataDir(), Integer.parseInt(gateway.config().get(CONTROL_PORT)),
                started.get(CATALOG).service().httpPort(), started.get(CATALOG).service().managementPort(),
                gateway.managementPort(), started.get(instanceName(INGEST, 1, o.ingests())).service().managementPort(),
                started.get(instanceName(TRANSCODER, 1, o.transcoders())).service().managementPort(),
                o.udpPortMin(), o.udpPortMax(), stack.kafka().port(), stack.postgres().port(), stack.s3().port(),
                o.ingests(), o.transcoders());
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> config = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static Map<String, String> withAll(Map<String, String> base, Map<String, String> more) {
        Map<String, String> config = new LinkedHashMap<>(base);
        config.putAll(more);
        return config;
    }

    /** The catalog's admin login (generated on the first start, kept in the data folder). */
    public AdminLogin admin() {
        return admin;
    }

    /** The options with the ports actually in use. */
    public LauncherOptions options() {
        return options;
    }

    public EmbeddedStack stack() {
        return stack;
    }

    /** Every service process, by name in alphabetical order. */
    public List<ServiceProcess> services() {
        return services.values().stream().map(ServiceSupervisor::service)
                .sorted(Comparator.comparing(ServiceProcess::name)).toList();
    }

    /**
     * One service process by its name: the module's ({@code rtp-ingest}, ...) when it runs once, else the module's
     * with the instance number ({@code rtp-ingest-1}, {@code rtp-ingest-2}, ...). Its process changes when it is
     * restarted.
     */
    public ServiceProcess service(String name) {
        ServiceSupervisor supervisor = services.get(name);
        if (supervisor == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return supervisor.service();
    }

    /** How often the supervisor restarted a service. */
    public int restarts(String name) {
        return services.get(name).restarts();
    }

    /** The gateway's SIPREC port (UDP and TCP). */
    public int sipPort() {
        return Integer.parseInt(service(GATEWAY).config().get(SIP_PORT));
    }

    /** The gateway's HTTP port: URL record ({@code /url-record}). */
    public int urlRecordPort() {
        return service(GATEWAY).httpPort();
    }

    public String catalogUrl() {
        return "http://127.0.0.1:" + options.catalogPort();
    }

    /** Where everything listens, for people. */
    public String addresses() {
        return String.join("\n",
                "  phones (control protocol, TCP)  127.0.0.1:" + options.controlPort(),
                "  SIPREC (SIP, UDP and TCP)       127.0.0.1:" + sipPort(),
                "  URL record (HTTP)               http://127.0.0.1:" + urlRecordPort() + "/url-record?mac=<MAC>",
                "  RTP (UDP)                       127.0.0.1:" + options.udpPortMin() + "-" + options.udpPortMax()
                        + udpSlices(),
                "  catalog: web page and REST API  " + catalogUrl() + "/   (API " + catalogUrl() + "/api/v1, OpenAPI "
                        + catalogUrl() + "/q/openapi)",
                "  log in                          " + admin.user() + " / " + admin.password()
                        + "   (generated on the first start, kept in " + options.dataDir().resolve("admin-password")
                        + ")",
                "  health and metrics (management ports, never the public one):",
                services().stream().map(service -> String.format("    %-30s%s", service.name(),
                        management(service.managementPort()))).collect(Collectors.joining("\n")),
                "  Kafka                           " + stack.kafkaBootstrapServers(),
                "  PostgreSQL                      " + stack.postgres().jdbcUrl() + " (postgres/postgres)",
                "  S3 store                        " + stack.s3().endpoint() + " bucket " + stack.settings().bucket(),
                "  data and logs                   " + options.dataDir(),
                "  a service that dies is restarted (a line says so)");
    }

    /** Which part of the UDP range each rtp-ingest process hands out, when there are several. */
    private String udpSlices() {
        if (options.ingests() == 1) {
            return "";
        }
        List<String> slices = new ArrayList<>();
        for (int i = 1; i <= options.ingests(); i++) {
            int[] udp = options.udpSlice(i);
            slices.add(instanceName(INGEST, i, options.ingests()) + " " + udp[0] + "-" + udp[1]);
        }
        return " (" + String.join(", ", slices) + ")";
    }

    private static String management(int port) {
        return "http://127.0.0.1:" + port + "/q/health  http://127.0.0.1:" + port + "/q/metrics";
    }

    @Override
    public void close() {
        List<ServiceSupervisor> running = new ArrayList<>(services.values());
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        stack.close();
    }
}
