package io.callrec.stack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One callrec service (its Quarkus fast-jar, {@code <module>/target/quarkus-app/quarkus-run.jar}) run as a child
 * process with the given configuration, its output in a log file. Started when its readiness answers UP; stopped
 * (with its own children) on {@link #close()} and when this JVM exits.
 */
public final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int httpPort;
    private final Path log;

    private ServiceProcess(String name, Process process, int httpPort, Path log) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts {@code module} (a folder under {@code projectRoot}) and waits until {@code /q/health/ready} is UP.
     *
     * @param config Quarkus properties, passed as system properties
     */
    public static ServiceProcess start(Path projectRoot, String module, String name, int httpPort,
                                       Map<String, String> config, Path logDir, Duration readyWithin) {
        Path jar = projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new StackStartException(name + " is not built: " + jar + " is missing (run ./mvnw package)");
        }
        List<String> command = new ArrayList<>(List.of(S3Server.javaExecutable(), "-Xmx512m",
                "-Dquarkus.http.port=" + httpPort));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ServiceProcess service = new ServiceProcess(name, process, httpPort, log);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, name + "-stop"));
            service.awaitReady(readyWithin);
            return service;
        } catch (IOException e) {
            throw new StackStartException(name + " could not start: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
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
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "/q/health/ready").toURL()
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
    public void close() {
        if (!process.isAlive()) {
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
