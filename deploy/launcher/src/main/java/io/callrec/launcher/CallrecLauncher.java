package io.callrec.launcher;

import io.callrec.stack.StackStartException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./callrec up}: starts everything, prints where it listens, and stops everything it started on Ctrl-C
 * (SIGINT or SIGTERM). A start that cannot succeed (a port in use, a service that fails) prints one line saying
 * what is wrong and exits with status 1.
 */
public final class CallrecLauncher {
    private CallrecLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty() || !"up".equals(arguments.get(0))) {
            System.err.print(LauncherOptions.USAGE);
            System.exit(2);
        }
        if (arguments.contains("--help")) {
            System.out.print(LauncherOptions.USAGE);
            return;
        }
        Path root = Path.of(System.getProperty("callrec.root", ".")).toAbsolutePath().normalize();
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(root, arguments.subList(1, arguments.size()));
        } catch (IllegalArgumentException e) {
            System.err.println("callrec: " + e.getMessage());
            System.err.print(LauncherOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.println("callrec: starting the embedded stack and the services (data in "
                + options.dataDir() + ") ...");
        long started = System.nanoTime();
        CallrecSystem system;
        try {
            system = CallrecSystem.start(options);
        } catch (StackStartException e) {
            System.err.println("callrec: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("callrec: could not start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("callrec: stopping ...");
            system.close();
            System.out.println("callrec: stopped");
            stopped.countDown();
        }, "callrec-stop"));
        System.out.printf("callrec is up (%.1f s):%n%s%nPress Ctrl-C to stop.%n",
                (System.nanoTime() - started) / 1e9, system.addresses());
        stopped.await();
    }
}
