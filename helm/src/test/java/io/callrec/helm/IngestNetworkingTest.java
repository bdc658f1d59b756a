package io.callrec.helm;

import static io.callrec.helm.ChartUnderTest.sets;
import static io.callrec.helm.RenderedChart.assertContains;
import static io.callrec.helm.RenderedChart.env;
import static io.callrec.helm.RenderedChart.envValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How phones reach the ingest pods' UDP ranges, in both networking modes. */
class IngestNetworkingTest {

    private static final String INGEST = "callrec-rtp-ingest";

    @Test
    void hostNetworkModeRunsOneIngestPodPerNodeAndAdvertisesTheNodeAddress() {
        RenderedChart chart = ChartUnderTest.renderDefaults();
        PodSpec pod = chart.workload("rtp-ingest").pod();
        Container ingest = chart.workload("rtp-ingest").mainContainer();

        assertEquals(Boolean.TRUE, pod.getHostNetwork());
        assertEquals("ClusterFirstWithHostNet", pod.getDnsPolicy(), "cluster DNS still resolves Kafka");
        List<PodAffinityTerm> required = pod.getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution();
        assertEquals(1, required.size());
        assertEquals("kubernetes.io/hostname", required.get(0).getTopologyKey());
        assertEquals("rtp-ingest",
                required.get(0).getLabelSelector().getMatchLabels().get("app.kubernetes.io/component"));

        EnvVar advertised = env(ingest, "CALLREC_INGEST_ADVERTISED_HOST").orElseThrow();
        assertEquals("status.hostIP", advertised.getValueFrom().getFieldRef().getFieldPath());
        assertEquals("20000", envValue(ingest, "CALLREC_INGEST_PORT_MIN"));
        assertEquals("24999", envValue(ingest, "CALLREC_INGEST_PORT_MAX"));
        assertTrue(chart.all(Service.class).stream().noneMatch(s -> "LoadBalancer".equals(s.getSpec().getType())
                        && "rtp-ingest".equals(s.getMetadata().getLabels().get("app.kubernetes.io/component"))),
                "no per-pod load balancers in hostNetwork mode");
    }

    @Test
    void theConfiguredUdpRangeAndHttpPortReachTheIngestPodsTheGatewayAndThePolicy() {
        JsonNode values = ChartUnderTest.readValues(ChartUnderTest.PRODUCTION_VALUES).get("rtpIngest");
        int min = values.at("/ports/min").asInt();
        int max = values.at("/ports/max").asInt();
        String httpPort = values.get("httpPort").asText();
        RenderedChart chart = ChartUnderTest.renderWith(ChartUnderTest.PRODUCTION_VALUES);
        Container ingest = chart.workload("rtp-ingest").mainContainer();

        assertEquals(String.valueOf(min), envValue(ingest, "CALLREC_INGEST_PORT_MIN"));
        assertEquals(String.valueOf(max), envValue(ingest, "CALLREC_INGEST_PORT_MAX"));
        assertEquals(httpPort, envValue(ingest, "QUARKUS_HTTP_PORT"));
        assertEquals(Integer.parseInt(httpPort), ingest.getPorts().get(0).getContainerPort());
        assertEquals(httpPort, envValue(chart.workload("control-gateway").mainContainer(), "CALLREC_GATEWAY_INGEST_PORT"));
        assertEquals(Integer.parseInt(httpPort),
                chart.one(Service.class, INGEST + "-headless").getSpec().getPorts().get(0).getPort());
        assertEquals(values.get("replicaCount").asInt(), chart.one(StatefulSet.class, INGEST).getSpec().getReplicas());

        NetworkPolicyPort udp = udpRule(chart.one(NetworkPolicy.class, INGEST)).getPorts().get(0);
        assertEquals(min, udp.getPort().getIntVal());
        assertEquals(max, udp.getEndPort());
    }

    @Test
    void loadBalancerPerPodModeExposesTheRangeOnOneServicePerPod() {
        RenderedChart chart = ChartUnderTest.render(null, sets(
                "rtpIngest.networking.mode", "loadBalancerPerPod",
                "rtpIngest.networking.loadBalancerPerPod.dnsDomain", "rtp.example.com",
                "rtpIngest.networking.loadBalancerPerPod.loadBalancerIPs[0]", "192.0.2.10",
                "rtpIngest.replicaCount", 3,
                "rtpIngest.ports.min", 41000,
                "rtpIngest.ports.max", 41009));

        List<Integer> range = IntStream.rangeClosed(41000, 41009).boxed().toList();
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            String pod = INGEST + "-" + ordinal;
            Service service = chart.one(Service.class, pod);
            assertEquals("LoadBalancer", service.getSpec().getType());
            assertEquals("Local", service.getSpec().getExternalTrafficPolicy(), "keeps the phone's source address");
            assertEquals(pod, service.getSpec().getSelector().get("statefulset.kubernetes.io/pod-name"));
            assertEquals(range, service.getSpec().getPorts().stream().map(ServicePort::getPort).toList());
            for (ServicePort port : service.getSpec().getPorts()) {
                assertEquals("UDP", port.getProtocol());
                assertEquals(port.getPort(), port.getTargetPort().getIntVal());
            }
            assertEquals(pod + ".rtp.example.com",
                    service.getMetadata().getAnnotations().get("external-dns.alpha.kubernetes.io/hostname"));
        }
        assertEquals("192.0.2.10", chart.one(Service.class, INGEST + "-0").getSpec().getLoadBalancerIP());
        assertNull(chart.one(Service.class, INGEST + "-1").getSpec().getLoadBalancerIP());
        assertTrue(chart.find(Service.class, INGEST + "-3").isEmpty(), "one Service per replica, no more");

        PodSpec pod = chart.workload("rtp-ingest").pod();
        assertNotEquals(Boolean.TRUE, pod.getHostNetwork());
        Container ingest = chart.workload("rtp-ingest").mainContainer();
        List<String> envNames = ingest.getEnv().stream().map(EnvVar::getName).toList();
        assertEquals("$(POD_NAME).rtp.example.com", envValue(ingest, "CALLREC_INGEST_ADVERTISED_HOST"));
        assertTrue(envNames.indexOf("POD_NAME") < envNames.indexOf("CALLREC_INGEST_ADVERTISED_HOST"),
                "POD_NAME is defined before it is referenced");
        assertEquals("metadata.name", env(ingest, "POD_NAME").orElseThrow().getValueFrom().getFieldRef().getFieldPath());

        NetworkPolicyPort udp = udpRule(chart.one(NetworkPolicy.class, INGEST)).getPorts().get(0);
        assertEquals(41000, udp.getPort().getIntVal());
        assertEquals(41009, udp.getEndPort());
    }

    @Test
    void loadBalancerPerPodModeRequiresADnsDomain() {
        Exception refused = assertThrows(Exception.class, () -> ChartUnderTest.template(null,
                sets("rtpIngest.networking.mode", "loadBalancerPerPod")));

        assertContains(refused.getMessage(), "rtpIngest.networking.loadBalancerPerPod.dnsDomain is required");
    }

    @Test
    void aRangeWhoseMinimumIsAboveItsMaximumIsRefused() {
        Exception refused = assertThrows(Exception.class, () -> ChartUnderTest.template(null,
                sets("rtpIngest.ports.min", 45000, "rtpIngest.ports.max", 44000)));

        assertContains(refused.getMessage(), "rtpIngest.ports.min must not be greater than rtpIngest.ports.max");
    }

    @Test
    void phoneCidrsRestrictTheControlPortAndTheUdpRange() {
        RenderedChart chart = ChartUnderTest.renderWith(ChartUnderTest.PRODUCTION_VALUES);
        List<String> phoneCidrs = List.of("10.20.0.0/16", "10.21.0.0/16");

        NetworkPolicyIngressRule udp = udpRule(chart.one(NetworkPolicy.class, INGEST));
        assertEquals(phoneCidrs, udp.getFrom().stream().map(peer -> peer.getIpBlock().getCidr()).toList());
        NetworkPolicyIngressRule control = chart.one(NetworkPolicy.class, "callrec-control-gateway").getSpec()
                .getIngress().stream()
                .filter(rule -> rule.getPorts().get(0).getPort().getIntVal() == 7100)
                .findFirst().orElseThrow();
        assertEquals(phoneCidrs, control.getFrom().stream().map(peer -> peer.getIpBlock().getCidr()).toList());
    }

    private static NetworkPolicyIngressRule udpRule(NetworkPolicy policy) {
        List<NetworkPolicyIngressRule> udp = policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(p -> "UDP".equals(p.getProtocol())))
                .toList();
        assertEquals(1, udp.size(), "one UDP rule");
        assertNotNull(udp.get(0).getPorts().get(0).getPort());
        return udp.get(0);
    }
}
