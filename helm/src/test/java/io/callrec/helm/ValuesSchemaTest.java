package io.callrec.helm;

import static io.callrec.helm.ChartUnderTest.sets;
import static io.callrec.helm.RenderedChart.assertContains;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** values.schema.json refuses what an admin gets wrong, before anything reaches the cluster. */
class ValuesSchemaTest {

    private static final Path RESOURCES = Path.of("src/test/resources").toAbsolutePath();

    @Test
    void schemaRejectsAWrongType() {
        Exception refused = assertThrows(Exception.class,
                () -> ChartUnderTest.template(RESOURCES.resolve("values-wrong-type.yaml"), sets()));

        assertContains(refused.getMessage(), "values don't meet the specifications of the schema");
        assertContains(refused.getMessage(), "rtpIngest.replicaCount: Invalid type. Expected: integer, given: string");
    }

    @Test
    void schemaRejectsAPortGivenAsAString() {
        Exception refused = assertThrows(Exception.class,
                () -> ChartUnderTest.template(RESOURCES.resolve("values-port-as-string.yaml"), sets()));

        assertContains(refused.getMessage(), "controlGateway.service.port: Invalid type. Expected: integer, given: string");
    }

    @Test
    void schemaRejectsAnUnknownTopLevelKey() {
        Exception refused = assertThrows(Exception.class,
                () -> ChartUnderTest.template(RESOURCES.resolve("values-unknown-top-level-key.yaml"), sets()));

        assertContains(refused.getMessage(), "(root): Additional property rtpIngset is not allowed");
    }

    @Test
    void schemaRejectsAnUnknownKeyInsideAComponent() {
        Exception refused = assertThrows(Exception.class,
                () -> ChartUnderTest.template(null, sets("transcoder.replicas", 3)));

        assertContains(refused.getMessage(), "transcoder: Additional property replicas is not allowed");
    }

    @Test
    void schemaRejectsAnUnknownIngestNetworkingMode() {
        Exception refused = assertThrows(Exception.class,
                () -> ChartUnderTest.template(null, sets("rtpIngest.networking.mode", "hostPort")));

        assertContains(refused.getMessage(), "rtpIngest.networking.mode: rtpIngest.networking.mode must be one of the following");
    }

    @Test
    void schemaRejectsAPrivilegedUdpPort() {
        Exception refused = assertThrows(Exception.class,
                () -> ChartUnderTest.template(null, sets("rtpIngest.ports.min", 500)));

        assertContains(refused.getMessage(), "rtpIngest.ports.min: Must be greater than or equal to 1024");
    }

    @Test
    void schemaAcceptsAValidOverride() {
        assertDoesNotThrow(() -> ChartUnderTest.template(null,
                sets("rtpIngest.replicaCount", 3, "controlGateway.service.type", "NodePort",
                        "controlGateway.service.nodePort", 30710, "catalogApi.pdb.minAvailable", "50%")));
    }

    @Test
    void valuesYamlDocumentsEveryKeyAndTheSchemaKnowsEveryTopLevelKey() throws IOException {
        Path valuesFile = ChartUnderTest.CHART_DIR.resolve("values.yaml");
        Set<String> documented = new TreeSet<>();
        Matcher param = Pattern.compile("## @param (\\S+) \\S").matcher(Files.readString(valuesFile));
        while (param.find()) {
            documented.add(param.group(1));
        }
        JsonNode values = ChartUnderTest.readValues(valuesFile);
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(values, "", documented, undocumented);

        assertEquals(List.of(), undocumented, "keys without a \"## @param\" line");
        JsonNode schemaProperties = ChartUnderTest.readValues(ChartUnderTest.CHART_DIR.resolve("values.schema.json"))
                .get("properties");
        values.fieldNames().forEachRemaining(key ->
                assertTrue(schemaProperties.has(key), () -> "the schema describes " + key));
    }

    /** A key is documented by its own @param, or by the @param of an enclosing map-valued key. */
    private static void collectUndocumented(JsonNode node, String path, Set<String> documented, List<String> undocumented) {
        if (documented.contains(path)) {
            return;
        }
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(field -> collectUndocumented(field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(), documented, undocumented));
        } else {
            undocumented.add(path);
        }
    }
}
