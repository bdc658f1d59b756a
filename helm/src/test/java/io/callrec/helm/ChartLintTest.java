package io.callrec.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartLintTest {

    @Test
    void lintStrictPassesWithoutWarnings() {
        LintResult result = new Helm(ChartUnderTest.CHART_DIR).lint().strict().call();

        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
        assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                () -> "helm lint --strict reported: " + result.getMessages());
    }

    /** Guards the test above: the in-process lint does see template errors. */
    @Test
    void lintStrictFailsOnABrokenTemplate(@TempDir Path copy) throws IOException {
        copyTree(ChartUnderTest.CHART_DIR, copy);
        Files.writeString(copy.resolve("templates/broken.yaml"), "{{ .Values.noSuchSection.noSuchKey }}\n");

        LintResult result = new Helm(copy).lint().strict().call();

        assertTrue(result.isFailed(), () -> "lint accepted a broken template: " + result.getMessages());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
