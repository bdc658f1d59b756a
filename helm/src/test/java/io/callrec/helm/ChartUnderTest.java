package io.callrec.helm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The chart {@code helm/callrec} rendered by an in-process Helm (helm-java) and parsed into
 * fabric8 Kubernetes model objects.
 */
final class ChartUnderTest {

    static final Path CHART_DIR = Path.of("callrec").toAbsolutePath();
    static final Path EXAMPLES_DIR = Path.of("examples").toAbsolutePath();
    static final Path EVALUATION_VALUES = EXAMPLES_DIR.resolve("values-evaluation.yaml");
    static final Path PRODUCTION_VALUES = EXAMPLES_DIR.resolve("values-production.yaml");
    static final Path SINGLE_NODE_VALUES = EXAMPLES_DIR.resolve("values-single-node.yaml");

    static final String RELEASE = "callrec";
    static final String NAMESPACE = "telephony";

    /** The four callrec services, by their component label. */
    static final List<String> SERVICES = List.of("control-gateway", "rtp-ingest", "transcoder", "catalog-api");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Map<Path, RenderedChart> CACHE = new ConcurrentHashMap<>();

    private ChartUnderTest() {
    }

    /** The values files the chart must render with: the defaults, evaluation, production-like and single-node. */
    enum ValuesSet {
        DEFAULTS(null),
        EVALUATION(EVALUATION_VALUES),
        PRODUCTION(PRODUCTION_VALUES),
        SINGLE_NODE(SINGLE_NODE_VALUES);

        final Path file;

        ValuesSet(Path file) {
            this.file = file;
        }

        RenderedChart render() {
            return file == null ? renderDefaults() : renderWith(file);
        }
    }

    static RenderedChart renderDefaults() {
        return CACHE.computeIfAbsent(CHART_DIR.resolve("values.yaml"), ignored -> render(null, Map.of()));
    }

    static RenderedChart renderWith(Path valuesFile) {
        return CACHE.computeIfAbsent(valuesFile, file -> render(file, Map.of()));
    }

    /** Renders with an optional values file and --set overrides (not cached). */
    static RenderedChart render(Path valuesFile, Map<String, Object> sets) {
        return parse(template(valuesFile, sets));
    }

    /** The raw output of {@code helm template}; throws if Helm refuses the values or a template fails. */
    static String template(Path valuesFile, Map<String, Object> sets) {
        TemplateCommand command = new Helm(CHART_DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    static RenderedChart parse(String manifest) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifest)) {
            if (isBlankOrComment(document)) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            assertTrue(parsed instanceof HasMetadata, () -> "not a Kubernetes object:\n" + document);
            objects.add((HasMetadata) parsed);
        }
        return new RenderedChart(objects);
    }

    /** A values file read as a tree, to compare the rendered objects with what the admin wrote. */
    static JsonNode readValues(Path valuesFile) {
        try {
            return YAML.readTree(valuesFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ordered map literal for --set overrides. */
    static Map<String, Object> sets(Object... keysAndValues) {
        Map<String, Object> sets = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            sets.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return sets;
    }

    static String fqdn(String service) {
        return service + "." + NAMESPACE + ".svc.cluster.local";
    }

    private static boolean isBlankOrComment(String document) {
        return document.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
    }
}
