package io.callrec.helm;

import static io.callrec.helm.ChartUnderTest.sets;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Image names and tags come from values; the tag defaults to the chart's appVersion. */
class ImagesTest {

    @Test
    void imagesDefaultToTheCallrecRepositoriesAtTheChartAppVersion() {
        JsonNode chartYaml = ChartUnderTest.readValues(ChartUnderTest.CHART_DIR.resolve("Chart.yaml"));
        String appVersion = chartYaml.get("appVersion").asText();
        RenderedChart chart = ChartUnderTest.renderDefaults();

        assertEquals("0.1.0", appVersion);
        for (String service : ChartUnderTest.SERVICES) {
            assertEquals("callrec/" + service + ":" + appVersion, chart.workload(service).mainContainer().getImage());
        }
    }

    @Test
    void registryRepositoryAndTagComeFromTheValues() {
        RenderedChart chart = ChartUnderTest.render(null, sets(
                "global.imageRegistry", "registry.example.com",
                "transcoder.image.repository", "acme/callrec-transcoder",
                "transcoder.image.tag", "0.2.0-rc1",
                "catalogApi.image.pullPolicy", "Always"));

        assertEquals("registry.example.com/acme/callrec-transcoder:0.2.0-rc1",
                chart.workload("transcoder").mainContainer().getImage());
        assertEquals("registry.example.com/callrec/rtp-ingest:0.1.0", chart.workload("rtp-ingest").mainContainer().getImage());
        assertEquals("Always", chart.workload("catalog-api").mainContainer().getImagePullPolicy());
    }

    @Test
    void evaluationImagesComeFromTheValues() {
        RenderedChart chart = ChartUnderTest.render(ChartUnderTest.EVALUATION_VALUES,
                sets("evaluation.kafka.image.tag", "4.1.2"));

        assertEquals("docker.io/apache/kafka:4.1.2", chart.workload("kafka").mainContainer().getImage());
        assertEquals("docker.io/library/postgres:17.6", chart.workload("postgresql").mainContainer().getImage());
    }
}
