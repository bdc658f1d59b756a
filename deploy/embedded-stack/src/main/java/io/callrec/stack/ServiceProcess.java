package io.callrec.stack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One callrec service (its Quarkus fast-jar, {@code <module>/target/quarkus-app/quarkus-run.jar}) run as a child
 * process with the given configuration and the module's JVM options ({@code <module>/jvm.options}, which its container
 * image reads too), its output in a log file. Started when its readiness (management port) answers UP; stopped
 * (with its own children) on {@link #close()} and when this JVM exits.
 *
 * <p>An HTTP or management port of 0, and every key of {@code portKeys}, gets a free port chosen at start; a start that fails
 * because one of them was taken meanwhile is tried again on new ones. {@link #restart()} keeps the ports.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final String HTTP_PORT = "quarkus.http.port";
    private static final String MANAGEMENT_PORT = "quarkus.management.port";

    private final Path projectRoot;
    private final String module;
    private final String name;
    private final Map<String, String> config;
    private final Path logDir;
    private final Duration readyWithin;
    private volatile Process process;
    private volatile Path log;
    private volatile boolean closed;

    private ServiceProcess(Path projectRoot, String module, String name, Map<String, String> config, Path logDir,
                           Duration readyWithin) {
        this.projectRoot = projectRoot;
        this.module = module;
        this.name = name;
        this.config = Map.copyOf(config);
        this.logDir = logDir;
        this.readyWithin = readyWithin;
    }

    /**
     * Starts {@code module} (a folder under {@code projectRoot}) and waits until {@code /q/health/ready} on its
     * management port is UP.
     *
     * @param config Quarkus properties, passed as system properties
     */
    public static ServiceProcess start(Path projectRoot, String module, String name, int httpPort,
                                       int managementPort, Map<String, String> config, Path logDir,
                                       Duration readyWithin) {
        return start(projectRoot, module, name, httpPort, managementPort, config, Set.of(), logDir, readyWithin);
    }

    /**
     * As {@link #start(Path, String, String, int, int, Map, Path, Duration)}, with {@code portKeys}: properties
     * whose value is a free port chosen here (read them back with {@link #config()}).
     */
    public static ServiceProcess start(Path projectRoot, String module, String name, int httpPort,
                                       int managementPort, Map<String, String> config, Set<String> portKeys,
                                       Path logDir, Duration readyWithin) {
        Path jar = jar(projectRoot, module);
        if (!Files.isRegularFile(jar)) {
            throw new StackStartException(name + " is not built: " + jar + " is missing (run ./mvnw package)");
        }
        Path jvmOptions = jvmOptions(projectRoot, module);
        if (!Files.isRegularFile(jvmOptions)) {
            throw new StackStartException(name + " has no JVM options: " + jvmOptions + " is missing");
        }
        Set<String> chosen = new LinkedHashSet<>(portKeys);
        if (httpPort == 0) {
            chosen.add(HTTP_PORT);
        }
        if (managementPort == 0) {
            chosen.add(MANAGEMENT_PORT);
        }
        StackStartException clash = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Map<String, String> withPorts = new LinkedHashMap<>(config);
            withPorts.put(HTTP_PORT, String.valueOf(httpPort));
            withPorts.put(MANAGEMENT_PORT, String.valueOf(managementPort));
            chosen.forEach(key -> withPorts.put(key, String.valueOf(FreePorts.find())));
            ServiceProcess service = new ServiceProcess(projectRoot, module, name, withPorts, logDir, readyWithin);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, name + "-stop"));
            try {
                service.launch();
                return service;
            } catch (StackStartException e) {
                boolean taken = chosen.stream().anyMatch(key -> !FreePorts.isFree(service.port(key)));
                if (!taken) {
                    throw e;
                }
                clash = e;
            }
        }
        throw clash;
    }

    private static Path jar(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static Path jvmOptions(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("jvm.options");
    }

    /** Starts the service again with the same configuration and ports, after it exited or was killed. */
    public synchronized void restart() {
        close();
        launch();
    }

    private synchronized void launch() {
        closed = false;
        List<String> command = new ArrayList<>(List.of(S3Server.javaExecutable(), "-Xmx512m",
                "@" + jvmOptions(projectRoot, module)));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar(projectRoot, module).toString());
        try {
            Files.createDirectories(logDir);
            log = logDir.resolve(name + ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new StackStartException(name + " could not start: " + e.getMessage(), e);
        }
        awaitReady(readyWithin);
    }

    /** The Maven module it runs ({@code rtp-ingest}, ...): one for every process of that service. */
    public String module() {
        return module;
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return port(HTTP_PORT);
    }

    /** Health ({@code /q/health/*}) and metrics ({@code /q/metrics}), apart from the service's own HTTP port. */
    public int managementPort() {
        return port(MANAGEMENT_PORT);
    }

    /** The service's configuration with the ports chosen for it. */
    public Map<String, String> config() {
        return config;
    }

    private int port(String key) {
        return Integer.parseInt(config.get(key));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Whether the current process was stopped by {@link #close()} (also the one at this JVM's exit), rather than
     * exiting or being killed otherwise; a supervisor restarts only the latter.
     */
    public boolean closed() {
        return closed;
    }

    /** Completes when the current process exits, however it ends. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    private void awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackStartException(name + " exited at start (exit " + process.exitValue() + "): "
                        + lastErrorLine());
            }
            if (readinessStatus() == 200) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new StackStartException(name + " was not ready within " + within.toSeconds() + " s; see " + log);
    }

    private int readinessStatus() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(managementUrl() + "/q/health/ready").toURL()
                    .openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return -1;
        }
    }

    /** The most telling line of the log: the last ERROR line, else the last line. */
    private String lastErrorLine() {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("ERROR")) {
                    return lines.get(i).trim();
                }
            }
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "(see " + log + ")";
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after 20 s. */
    @Override
    public synchronized void close() {
        closed = true;
        if (process == null || !process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
