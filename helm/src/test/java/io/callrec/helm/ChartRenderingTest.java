package io.callrec.helm;

import static io.callrec.helm.RenderedChart.envValue;
import static io.callrec.helm.RenderedChart.resolvePort;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callrec.helm.ChartUnderTest.ValuesSet;
import io.callrec.helm.RenderedChart.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What must hold for every shipped values set: defaults, evaluation and production-like. */
class ChartRenderingTest {

    @ParameterizedTest
    @EnumSource(ValuesSet.class)
    void rendersIntoTypedKubernetesObjectsWithoutUnknownFields(ValuesSet values) {
        RenderedChart chart = values.render();

        assertFalse(chart.objects().isEmpty());
        assertAll(chart.objects().stream().map(o -> () -> {
            assertFalse(o instanceof GenericKubernetesResource, () -> "no model class for " + o.getKind());
            assertEquals(ChartUnderTest.NAMESPACE, o.getMetadata().getNamespace(),
                    () -> o.getKind() + "/" + o.getMetadata().getName() + " is in the release namespace");
            assertEquals(ChartUnderTest.RELEASE, o.getMetadata().getLabels().get("app.kubernetes.io/instance"));
        }));
        assertEquals(List.of(), chart.unknownFields(), "fields the Kubernetes model does not know");
    }

    @ParameterizedTest
    @EnumSource(ValuesSet.class)
    void everyServiceRunsAsOneWorkloadOfTheRightKind(ValuesSet values) {
        RenderedChart chart = values.render();

        assertEquals("Deployment", chart.workload("control-gateway").owner().getKind());
        assertEquals("StatefulSet", chart.workload("rtp-ingest").owner().getKind());
        assertEquals("Deployment", chart.workload("transcoder").owner().getKind());
        assertEquals("Deployment", chart.workload("catalog-api").owner().getKind());
    }

    @ParameterizedTest
    @EnumSource(ValuesSet.class)
    void everyContainerHasTheThreeProbesOnTheManagementPortNeverTheHttpOne(ValuesSet values) {
        RenderedChart chart = values.render();

        for (String component : ChartUnderTest.SERVICES) {
            Container container = chart.workload(component).mainContainer();
            int managementPort = Integer.parseInt(envValue(container, "QUARKUS_MANAGEMENT_PORT"));
            assertAll(component,
                    () -> assertNotEquals(envValue(container, "QUARKUS_HTTP_PORT"), String.valueOf(managementPort)),
                    () -> assertHttpProbe(container, container.getStartupProbe(), "/q/health/started",
                            managementPort),
                    () -> assertHttpProbe(container, container.getLivenessProbe(), "/q/health/live", managementPort),
                    () -> assertHttpProbe(container, container.getReadinessProbe(), "/q/health/ready",
                            managementPort));
        }
        // The bundled infrastructure has its own health checks, at least liveness and readiness.
        for (Workload workload : chart.workloads()) {
            if (ChartUnderTest.SERVICES.contains(workload.component()) || workload.owner().getKind().equals("Job")) {
                continue;
            }
            for (Container container : workload.pod().getContainers()) {
                assertNotNull(container.getLivenessProbe(), () -> workload.describe() + " liveness probe");
                assertNotNull(container.getReadinessProbe(), () -> workload.describe() + " readiness probe");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValuesSet.class)
    void noContainerRunsAsRootOrCanGainPrivileges(ValuesSet values) {
        RenderedChart chart = values.render();

        assertFalse(chart.workloads().isEmpty());
        for (Workload workload : chart.workloads()) {
            PodSecurityContext pod = Optional.ofNullable(workload.pod().getSecurityContext())
                    .orElseGet(PodSecurityContext::new);
            for (Container container : workload.allContainers()) {
                SecurityContext own = Optional.ofNullable(container.getSecurityContext())
                        .orElseGet(SecurityContext::new);
                String where = workload.describe() + " container " + container.getName();
                Long uid = own.getRunAsUser() != null ? own.getRunAsUser() : pod.getRunAsUser();
                Boolean nonRoot = own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : pod.getRunAsNonRoot();
                String seccomp = own.getSeccompProfile() != null ? own.getSeccompProfile().getType()
                        : pod.getSeccompProfile() != null ? pod.getSeccompProfile().getType() : null;
                assertAll(where,
                        () -> assertEquals(Boolean.TRUE, nonRoot, "runAsNonRoot"),
                        () -> assertNotNull(uid, "an explicit non-root uid"),
                        () -> assertNotEquals(0L, uid, "uid 0"),
                        () -> assertEquals(Boolean.FALSE, own.getAllowPrivilegeEscalation(), "allowPrivilegeEscalation"),
                        () -> assertEquals(Boolean.TRUE, own.getReadOnlyRootFilesystem(), "readOnlyRootFilesystem"),
                        () -> assertFalse(Boolean.TRUE.equals(own.getPrivileged()), "privileged"),
                        () -> assertNotNull(own.getCapabilities(), "capabilities"),
                        () -> assertEquals(List.of("ALL"), own.getCapabilities().getDrop(), "capabilities dropped"),
                        () -> assertTrue(own.getCapabilities().getAdd() == null || own.getCapabilities().getAdd().isEmpty(),
                                "no capability added"),
                        () -> assertEquals("RuntimeDefault", seccomp, "seccomp profile"),
                        () -> assertTrue(mountsWritableTmp(workload, container), "a writable /tmp"));
            }
            assertEquals(Boolean.FALSE, workload.pod().getAutomountServiceAccountToken(),
                    () -> workload.describe() + " mounts no API token");
        }
    }

    @ParameterizedTest
    @EnumSource(ValuesSet.class)
    void everyContainerHasMemoryAndCpuRequestsAndAMemoryLimit(ValuesSet values) {
        for (Workload workload : values.render().workloads()) {
            for (Container container : workload.allContainers()) {
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                String where = workload.describe() + " container " + container.getName();
                assertAll(where,
                        () -> assertNotNull(requests, "requests"),
                        () -> assertTrue(requests.containsKey("cpu"), "cpu request"),
                        () -> assertTrue(requests.containsKey("memory"), "memory request"),
                        () -> assertNotNull(limits, "limits"),
                        () -> assertTrue(limits.containsKey("memory"), "memory limit"));
            }
        }
    }

    private static void assertHttpProbe(Container container, Probe probe, String path, int httpPort) {
        assertNotNull(probe, path);
        assertNotNull(probe.getHttpGet(), path + " is an HTTP probe");
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(httpPort, resolvePort(container, probe.getHttpGet().getPort()), path + " port");
    }

    private static boolean mountsWritableTmp(Workload workload, Container container) {
        Optional<VolumeMount> tmp = container.getVolumeMounts().stream()
                .filter(m -> "/tmp".equals(m.getMountPath()) && !Boolean.TRUE.equals(m.getReadOnly()))
                .findFirst();
        return tmp.flatMap(mount -> workload.pod().getVolumes().stream()
                        .filter(v -> v.getName().equals(mount.getName()))
                        .findFirst())
                .map(Volume::getEmptyDir)
                .isPresent();
    }
}
