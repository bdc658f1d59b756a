package io.callrec.helm;

import static io.callrec.helm.ChartUnderTest.sets;
import static io.callrec.helm.RenderedChart.assertContains;
import static io.callrec.helm.RenderedChart.envValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callrec.helm.ChartUnderTest.ValuesSet;
import io.callrec.helm.RenderedChart.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Replicas, autoscaling, disruption budgets and the transcoder's spool. */
class ScalingTest {

    @ParameterizedTest
    @EnumSource(ValuesSet.class)
    void everyServiceHasAPodDisruptionBudgetSelectingItsPods(ValuesSet values) {
        RenderedChart chart = values.render();

        for (String component : ChartUnderTest.SERVICES) {
            List<PodDisruptionBudget> budgets = chart.ofComponent(PodDisruptionBudget.class, component);
            assertEquals(1, budgets.size(), component);
            PodDisruptionBudget budget = budgets.get(0);
            assertTrue(budget.getSpec().getMinAvailable() != null || budget.getSpec().getMaxUnavailable() != null);
            var podLabels = chart.workload(component).template().getMetadata().getLabels();
            budget.getSpec().getSelector().getMatchLabels().forEach((label, value) ->
                    assertEquals(value, podLabels.get(label), component + " budget selects its pods"));
        }
    }

    @Test
    void transcoderAutoscalesUpToThePartitionCountByDefault() {
        RenderedChart chart = ChartUnderTest.renderDefaults();
        HorizontalPodAutoscaler hpa = chart.one(HorizontalPodAutoscaler.class, "callrec-transcoder");

        assertEquals(8, hpa.getSpec().getMaxReplicas(), "kafka.framesPartitions");
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals("callrec-transcoder", hpa.getSpec().getScaleTargetRef().getName());
        assertNull(chart.one(Deployment.class, "callrec-transcoder").getSpec().getReplicas(),
                "the autoscaler owns the replica count");
        assertEquals(List.of("callrec-transcoder"),
                chart.all(HorizontalPodAutoscaler.class).stream().map(h -> h.getMetadata().getName()).toList(),
                "no autoscaler for the gateway (phone connections) or rtp-ingest (fixed per-pod addresses) by default");
    }

    @Test
    void productionValuesAutoscaleTheTranscoderAndCatalogApi() {
        RenderedChart chart = ChartUnderTest.renderWith(ChartUnderTest.PRODUCTION_VALUES);

        assertEquals(12, chart.one(HorizontalPodAutoscaler.class, "callrec-transcoder").getSpec().getMaxReplicas());
        assertEquals(5, chart.one(HorizontalPodAutoscaler.class, "callrec-catalog-api").getSpec().getMaxReplicas());
        assertEquals(3, chart.one(Deployment.class, "callrec-control-gateway").getSpec().getReplicas());
    }

    @Test
    void transcoderCannotScaleBeyondThePartitionCount() {
        Exception autoscaled = assertThrows(Exception.class, () -> ChartUnderTest.template(null,
                sets("kafka.framesPartitions", 4, "transcoder.autoscaling.maxReplicas", 5)));
        assertContains(autoscaled.getMessage(), "transcoder.autoscaling.maxReplicas (5) exceeds kafka.framesPartitions (4)");

        Exception fixed = assertThrows(Exception.class, () -> ChartUnderTest.template(null,
                sets("kafka.framesPartitions", 2, "transcoder.autoscaling.enabled", false, "transcoder.replicaCount", 3)));
        assertContains(fixed.getMessage(), "transcoder.replicaCount (3) exceeds kafka.framesPartitions (2)");
    }

    @Test
    void transcoderSpoolsToAWritableEmptyDirByDefault() {
        Workload transcoder = ChartUnderTest.renderDefaults().workload("transcoder");

        Volume spool = spoolVolume(transcoder);
        assertNotNull(spool.getEmptyDir());
        assertEquals(new Quantity("10Gi"), spool.getEmptyDir().getSizeLimit());
    }

    @Test
    void transcoderCanSpoolToAnEphemeralVolumeClaim() {
        Workload transcoder = ChartUnderTest.renderWith(ChartUnderTest.PRODUCTION_VALUES).workload("transcoder");

        Volume spool = spoolVolume(transcoder);
        var claim = spool.getEphemeral().getVolumeClaimTemplate().getSpec();
        assertEquals("fast-local", claim.getStorageClassName());
        assertEquals(new Quantity("50Gi"), claim.getResources().getRequests().get("storage"));
    }

    /** The volume mounted read-write at CALLREC_TRANSCODER_SPOOL_DIR. */
    private static Volume spoolVolume(Workload transcoder) {
        Container container = transcoder.mainContainer();
        String spoolDir = envValue(container, "CALLREC_TRANSCODER_SPOOL_DIR");
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(spoolDir))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + spoolDir));
        assertFalse(Boolean.TRUE.equals(mount.getReadOnly()));
        return transcoder.pod().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow();
    }
}
