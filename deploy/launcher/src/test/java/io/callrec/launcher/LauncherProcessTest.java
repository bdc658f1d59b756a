package io.callrec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as users run it: a process of its own, stopped with Ctrl-C (SIGINT). */
class LauncherProcessTest {

    @TempDir
    Path dataDir;

    @Test
    void ctrlCStopsEveryProcessTheLauncherStarted() throws Exception {
        Process launcher = launch(freePortFlags());
        LauncherOutput output = new LauncherOutput(launcher);
        List<ProcessHandle> children = new ArrayList<>();
        try {
            output.awaitLine("Press Ctrl-C to stop.", 150);
            assertThat(output.text()).contains("callrec is up").contains("phones (control protocol, TCP)");
            launcher.descendants().forEach(children::add);
            // PostgreSQL daemonizes (pg_ctl), so it is found by its data folder rather than as a descendant.
            ProcessHandle.allProcesses().filter(p -> !children.contains(p) && p.info().commandLine()
                    .map(c -> c.contains(dataDir.toString())).orElse(false)).forEach(children::add);
            // four services, s3proxy and PostgreSQL
            assertThat(children.size()).isGreaterThanOrEqualTo(6);
            new ProcessBuilder("kill", "-INT", String.valueOf(launcher.pid())).start().waitFor();
            assertThat(launcher.waitFor(90, TimeUnit.SECONDS))
                    .as("launcher exits after Ctrl-C; it printed:%n%s", output.text()).isTrue();
            output.awaitEnd(10);
            String stopping = output.text().substring(output.text().indexOf("Press Ctrl-C to stop."));
            // The services' own shutdown hooks stop them while the supervisors are being closed: not a crash.
            assertThat(stopping).contains("callrec: stopped").doesNotContain("restarting");
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("left behind: " + child.info().commandLine().orElse("?")).isFalse();
        }
    }

    @Test
    void aPortInUseGivesOneClearLineAndExitStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> flags = freePortFlags();
            flags.set(flags.indexOf("--catalog-port") + 1, String.valueOf(taken.getLocalPort()));
            Process launcher = launch(flags);
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(launcher.exitValue()).isEqualTo(1);
            assertThat(output).contains("callrec: catalog-api HTTP port " + taken.getLocalPort()
                    + " is already in use on 127.0.0.1").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private List<String> freePortFlags() {
        int udp = 18000;
        return new ArrayList<>(List.of("--data-dir", dataDir.toString(),
                "--control-port", "0", "--catalog-port", "0",
                "--catalog-management-port", "0",
                "--gateway-management-port", "0",
                "--ingest-management-port", "0",
                "--transcoder-management-port", "0",
                "--kafka-port", "0", "--postgres-port", "0",
                "--s3-port", "0", "--udp-range", udp + "-" + (udp + 99)));
    }

    /**
     * Starts the launcher as a terminal starts a command in the foreground, with Ctrl-C (SIGINT) at its default
     * action: a build started in the background by a script ({@code mvn ... &}) hands SIGINT down ignored, and a
     * JVM keeps an ignored SIGINT ignored, so Ctrl-C would never reach the launcher's shutdown hook.
     */
    private static Process launch(List<String> flags) throws IOException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        String classpath = "target/classes" + java.io.File.pathSeparator
                + Files.readString(Path.of("target/classpath.txt")).trim();
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dcallrec.root=" + root,
                "-cp", classpath, CallrecLauncher.class.getName(), "up"));
        command.addAll(flags);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Everything the launcher prints, read as it comes. */
    private static final class LauncherOutput {
        private final StringBuilder text = new StringBuilder();
        private final Process process;
        private final Thread reader;

        LauncherOutput(Process process) {
            this.process = process;
            BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            reader = new Thread(() -> {
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (text) {
                            text.append(line).append('\n');
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }

        void awaitLine(String marker, int seconds) {
            Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200))
                    .until(() -> text().contains(marker) || !process.isAlive());
            if (!text().contains(marker)) {
                throw new AssertionError("launcher did not print '" + marker + "'; output:\n" + text());
            }
        }

        /** Waits until the launcher's output has ended (it has exited). */
        void awaitEnd(int seconds) throws InterruptedException {
            reader.join(seconds * 1000L);
        }
    }
}
