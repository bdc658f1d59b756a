package io.callrec.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Quarkus test resource every module's tests use: one infrastructure per test JVM, stopped when the JVM exits.
 * Tests talk to these real servers. Which one, chosen by the system property {@code callrec.stack} (or the
 * environment variable {@code CALLREC_STACK}):
 * <ul>
 *   <li>{@code embedded} (default) the embedded stack in this JVM, on free ports and a fresh folder under
 *       {@code target/}; needs nothing installed</li>
 *   <li>{@code containers} callrec's infrastructure image run by Testcontainers on a Docker-compatible engine
 *       ({@link InfrastructureContainer}); the image is {@code callrec.stack.image} ({@code CALLREC_STACK_IMAGE}),
 *       by default {@value #DEFAULT_IMAGE}, built by {@code ./callrec images}</li>
 * </ul>
 */
public class CallrecStackTestResource implements QuarkusTestResourceLifecycleManager {
    static final String DEFAULT_IMAGE = "localhost/callrec/infrastructure:0.1.0";

    private static Infrastructure stack;

    /** The infrastructure of this JVM, started on first use. Plain JUnit tests (no Quarkus) call this too. */
    public static synchronized Infrastructure stack() {
        if (stack == null) {
            String choice = setting("callrec.stack", "CALLREC_STACK", "embedded");
            stack = switch (choice) {
                case "embedded" -> embedded();
                case "containers" -> InfrastructureContainer.start(
                        setting("callrec.stack.image", "CALLREC_STACK_IMAGE", DEFAULT_IMAGE));
                default -> throw new IllegalArgumentException(
                        "callrec.stack is " + choice + "; it must be embedded or containers");
            };
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "callrec-stack-stop"));
        }
        return stack;
    }

    private static EmbeddedStack embedded() {
        try {
            Path dir = Files.createDirectories(Path.of("target"));
            Path dataDir = Files.createTempDirectory(dir, "callrec-stack-");
            return EmbeddedStack.start(StackSettings.defaults(dataDir).onAnyFreePorts());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String setting(String property, String environmentVariable, String fallback) {
        String value = System.getProperty(property, System.getenv(environmentVariable));
        return value == null || value.isBlank() ? fallback : value.strip();
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
