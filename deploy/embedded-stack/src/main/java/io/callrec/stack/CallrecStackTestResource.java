package io.callrec.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Quarkus test resource every module's tests use: one embedded stack per test JVM, on free ports and a
 * fresh folder under {@code target/}, stopped when the JVM exits. Tests talk to these real servers.
 */
public class CallrecStackTestResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedStack stack;

    /** The stack of this JVM, started on first use. Plain JUnit tests (no Quarkus) call this too. */
    public static synchronized EmbeddedStack stack() {
        if (stack == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target"));
                Path dataDir = Files.createTempDirectory(dir, "callrec-stack-");
                stack = EmbeddedStack.start(StackSettings.defaults(dataDir).onAnyFreePorts());
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "callrec-stack-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stack;
    }

    @Override
    public Map<String, String> start() {
        return stack().serviceConfig();
    }

    @Override
    public void stop() {
        // The stack outlives one test class: it is shared by the whole JVM and stopped at exit.
    }
}
