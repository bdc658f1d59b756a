package io.callrec.stack;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible object store (s3proxy on the file system, signatures enforced) run as a child process,
 * data kept in {@code <dataDir>/s3}. A child process because its jar-with-dependencies clashes with the
 * services' libraries. The child dies with us: a shutdown hook destroys it.
 */
public final class S3Server implements AutoCloseable {
    /*
     * C2 ten times later (the Tier4 thresholds x10, as rtp-ingest and the transcoder): with the defaults s3proxy's
     * compiler threads were a fifth to a quarter of its CPU through its first 4,000 uploads, C2 compiling request
     * handling that C1 serves well enough. Presigned PUTs, 32 at a time, CPU per upload (median of 3 runs): 320 KB 4.4
     * -> 3.8 ms in the second thousand, 3.8 -> 3.3 in the third, 3.2 -> 2.6 in the fourth; 960 KB (2 runs) 7.0-7.9 ->
     * 5.9-6.9 ms in the second 700. C1 only was cheaper for 320 KB but not for 960 KB (its MD5 is no intrinsic: 1.0
     * against 0.55 ms per 320 KB): 0.009 -> 0.011 CPU-s per call-minute at a steady 1,000 calls of 60 s
     * (BENCHMARKS.md).
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000", "-XX:Tier4CompileThreshold=150000",
            "-XX:Tier4BackEdgeThreshold=400000");
    private final Path dataDir;
    private final int port;
    private final String listenAddress;
    private final String accessKey;
    private final String secretKey;
    private Process process;

    private S3Server(Path dataDir, int port, String listenAddress, String accessKey, String secretKey) {
        this.dataDir = dataDir;
        this.port = port;
        this.listenAddress = listenAddress;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public static S3Server start(Path dataDir, int port, String listenAddress, String accessKey, String secretKey,
                                 String bucket) {
        FreePorts.requireFree(port, "S3");
        return FreePorts.startOnPort(port, chosen -> {
            S3Server server = new S3Server(dataDir, chosen, listenAddress, accessKey, secretKey);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
            server.launch();
            server.createBucket(bucket);
            return server;
        });
    }

    /** Starts the store again on the same port and data (after it was stopped or killed). */
    public synchronized void restart() {
        close();
        launch();
    }

    /** The store's process, for people and tools that signal it. */
    public synchronized long pid() {
        return process.pid();
    }

    private synchronized void launch() {
        try {
            Path base = dataDir.resolve("s3");
            Files.createDirectories(base);
            Path properties = dataDir.resolve("s3proxy.properties");
            Properties config = new Properties();
            config.setProperty("s3proxy.endpoint", "http://" + listenAddress + ":" + port);
            config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            config.setProperty("s3proxy.identity", accessKey);
            config.setProperty("s3proxy.credential", secretKey);
            config.setProperty("jclouds.provider", "filesystem-nio2");
            config.setProperty("jclouds.filesystem.basedir", base.toAbsolutePath().toString());
            try (Writer out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
                config.store(out, "written by callrec embedded-stack");
            }
            Path log = dataDir.resolve("s3proxy.log");
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-Dlogback.configurationFile=" + logbackConfig(dataDir),
                    "-jar", s3proxyJar().toString(), "--properties", properties.toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitReady(log);
        } catch (IOException e) {
            throw new StackStartException("S3 store could not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackStartException("S3 store exited at start (exit " + process.exitValue() + "); see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(1000);
                connection.getResponseCode(); // any HTTP answer (403 without a signature) means it is serving
                connection.disconnect();
                return;
            } catch (IOException notYet) {
                sleepBriefly();
            }
        }
        close();
        throw new StackStartException("S3 store did not answer within 30 s on port " + port + "; see " + log);
    }

    private void createBucket(String bucket) {
        MinioClient client = MinioClient.builder().endpoint(endpoint()).credentials(accessKey, secretKey).build();
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (Exception e) {
            close();
            throw new StackStartException("S3 store could not create bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while starting the S3 store");
        }
    }

    /** The jar the build copied next to this module's classes (see callrec-stack.properties). */
    private static Path s3proxyJar() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = S3Server.class.getResourceAsStream("/callrec-stack.properties")) {
            if (in == null) {
                throw new StackStartException("callrec-stack.properties missing from the classpath");
            }
            properties.load(in);
        }
        Path jar = Path.of(properties.getProperty("s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new StackStartException("s3proxy jar not found at " + jar + " (build the project first)");
        }
        return jar;
    }

    /** s3proxy logs at DEBUG without a logback configuration. */
    private static String logbackConfig(Path dataDir) throws IOException {
        Path file = dataDir.resolve("s3proxy-logback.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level %logger{20} %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """);
        return file.toString();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

}
