package io.callrec.helm;

import static io.callrec.helm.ChartUnderTest.sets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callrec.helm.RenderedChart.Workload;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Who may reach what: the ingest internal API, the gateway's SIP TLS port and the bundled Kafka, PostgreSQL and
 * MinIO.
 */
class NetworkPolicyTest {

    @Test
    void onlyTheGatewayReachesTheIngestInternalApi() {
        RenderedChart chart = ChartUnderTest.renderDefaults();
        NetworkPolicy policy = chart.one(NetworkPolicy.class, "callrec-rtp-ingest");
        int apiPort = Integer.parseInt(RenderedChart.envValue(chart.workload("rtp-ingest").mainContainer(), "QUARKUS_HTTP_PORT"));

        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        assertEquals("rtp-ingest", policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/component"));
        List<NetworkPolicyIngressRule> apiRules = rulesOpening(policy, "TCP", apiPort);
        assertEquals(1, apiRules.size(), "one rule opens the internal API");
        assertEquals(List.of("control-gateway"), componentsOf(apiRules.get(0).getFrom()));
    }

    @Test
    void onlyMonitoringPeersReachTheManagementPortsAndNoServiceOrIngressRoutesThem() {
        RenderedChart chart = ChartUnderTest.render(null, sets(
                "networkPolicy.monitoringPeers[0].namespaceSelector.matchLabels.name", "monitoring",
                "networkPolicy.catalogApiPeers[0].namespaceSelector.matchLabels.name", "ingress"));
        for (String component : ChartUnderTest.SERVICES) {
            int management = Integer.parseInt(RenderedChart.envValue(chart.workload(component).mainContainer(),
                    "QUARKUS_MANAGEMENT_PORT"));
            NetworkPolicy policy = chart.one(NetworkPolicy.class, "callrec-" + component);
            List<NetworkPolicyIngressRule> rules = rulesOpening(policy, "TCP", management);
            assertEquals(1, rules.size(), component + ": one rule opens the management port");
            assertEquals("monitoring", rules.get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels()
                    .get("name"), component);
            for (Service service : chart.all(Service.class)) {
                assertTrue(service.getSpec().getPorts().stream().noneMatch(port -> port.getTargetPort() != null
                        && "management".equals(port.getTargetPort().getStrVal())), service.getMetadata().getName());
            }
        }
        NetworkPolicy catalog = chart.one(NetworkPolicy.class, "callrec-catalog-api");
        assertEquals(List.of("ingress"), rulesOpening(catalog, "TCP", 8080).get(0).getFrom().stream()
                .map(peer -> peer.getNamespaceSelector().getMatchLabels().get("name")).toList(),
                "the monitoring peers do not get the public port");
    }

    @Test
    void onlyTheSipClientsReachTheSipTlsPort() {
        RenderedChart chart = ChartUnderTest.render(null, sets("controlGateway.sip.tls.enabled", true,
                "controlGateway.sip.tls.existingSecret", "callrec-sip-tls",
                "networkPolicy.sipClientCIDRs[0]", "10.30.0.0/24"));
        NetworkPolicy policy = chart.one(NetworkPolicy.class, "callrec-control-gateway");
        List<NetworkPolicyIngressRule> rules = rulesOpening(policy, "TCP", 5061);
        assertEquals(1, rules.size(), "one rule opens the SIP TLS port");
        assertEquals(rulesOpening(policy, "TCP", 5060), rules, "the SIP rule");
        assertEquals("10.30.0.0/24", rules.get(0).getFrom().get(0).getIpBlock().getCidr());
        assertTrue(rulesOpening(ChartUnderTest.renderDefaults().one(NetworkPolicy.class, "callrec-control-gateway"),
                "TCP", 5061).isEmpty(), "closed while TLS is off");
    }

    @Test
    void theGatewayAndTheIngestShareTheInternalTokenFromASecret() {
        RenderedChart chart = ChartUnderTest.renderDefaults();
        for (String component : List.of("control-gateway", "rtp-ingest")) {
            EnvVar token = RenderedChart.env(chart.workload(component).mainContainer(),
                    "CALLREC_INGEST_INTERNAL_TOKEN").orElseThrow();
            assertEquals("callrec-rtp-ingest-internal-token", token.getValueFrom().getSecretKeyRef().getName());
        }
        assertTrue(chart.one(Secret.class, "callrec-rtp-ingest-internal-token").getData().get("token").length() > 40);
        EnvVar host = RenderedChart.env(chart.workload("rtp-ingest").mainContainer(), "CALLREC_INGEST_INTERNAL_HOST")
                .orElseThrow();
        assertEquals("status.podIP", host.getValueFrom().getFieldRef().getFieldPath());

        RenderedChart own = ChartUnderTest.render(null, sets("rtpIngest.internalToken.existingSecret", "mine"));
        assertTrue(own.find(Secret.class, "callrec-rtp-ingest-internal-token").isEmpty());
        assertEquals("mine", RenderedChart.env(own.workload("control-gateway").mainContainer(),
                "CALLREC_INGEST_INTERNAL_TOKEN").orElseThrow().getValueFrom().getSecretKeyRef().getName());
    }

    @Test
    void onlyTheServicesReachTheBundledKafkaPostgresqlAndMinio() {
        RenderedChart chart = ChartUnderTest.render(ChartUnderTest.EVALUATION_VALUES,
                sets("rtpIngest.networking.mode", "loadBalancerPerPod",
                        "rtpIngest.networking.loadBalancerPerPod.dnsDomain", "rtp.example.com"));

        assertEquals(ChartUnderTest.SERVICES, componentsOf(onlyRule(chart, "callrec-kafka", 9092).getFrom()));
        assertEquals(List.of("catalog-api"), componentsOf(onlyRule(chart, "callrec-postgresql", 5432).getFrom()));
        assertEquals(List.of("transcoder", "catalog-api", "minio-bucket"),
                componentsOf(onlyRule(chart, "callrec-minio", 9000).getFrom()));
        for (String infrastructure : List.of("kafka", "postgresql", "minio")) {
            NetworkPolicy policy = chart.one(NetworkPolicy.class, "callrec-" + infrastructure);
            assertEquals(1, policy.getSpec().getIngress().size(), infrastructure + " opens one port only");
            assertSelectsAWorkload(chart, policy);
        }
    }

    @Test
    void hostNetworkIngestReachesTheBundledKafkaThroughTheNodeCidrs() {
        RenderedChart chart = ChartUnderTest.render(ChartUnderTest.EVALUATION_VALUES,
                sets("networkPolicy.nodeCIDRs[0]", "192.168.10.0/24"));

        List<NetworkPolicyPeer> from = onlyRule(chart, "callrec-kafka", 9092).getFrom();
        assertEquals(ChartUnderTest.SERVICES, componentsOf(from));
        assertEquals(List.of("192.168.10.0/24"),
                from.stream().map(NetworkPolicyPeer::getIpBlock).filter(Objects::nonNull).map(b -> b.getCidr()).toList());
    }

    @Test
    void withoutNodeCidrsTheBundledKafkaPortStaysOpenForHostNetworkIngestAndNotesWarn() {
        RenderedChart chart = ChartUnderTest.renderWith(ChartUnderTest.EVALUATION_VALUES);

        List<NetworkPolicyPeer> from = onlyRule(chart, "callrec-kafka", 9092).getFrom();
        assertTrue(from == null || from.isEmpty(), "documented limitation: no 'from' restriction");
        RenderedChart.assertContains(NotesTest.notes(ChartUnderTest.EVALUATION_VALUES, sets()),
                "Set\nnetworkPolicy.nodeCIDRs");
    }

    @Test
    void everyPolicySelectsPodsOfThisRelease() {
        for (RenderedChart chart : List.of(ChartUnderTest.renderDefaults(),
                ChartUnderTest.renderWith(ChartUnderTest.EVALUATION_VALUES),
                ChartUnderTest.renderWith(ChartUnderTest.PRODUCTION_VALUES))) {
            List<NetworkPolicy> policies = chart.all(NetworkPolicy.class);
            assertTrue(policies.size() >= 4);
            policies.forEach(policy -> assertSelectsAWorkload(chart, policy));
        }
    }

    @Test
    void networkPoliciesCanBeTurnedOff() {
        assertTrue(ChartUnderTest.render(null, sets("networkPolicy.enabled", false)).all(NetworkPolicy.class).isEmpty());
    }

    private static NetworkPolicyIngressRule onlyRule(RenderedChart chart, String name, int port) {
        List<NetworkPolicyIngressRule> rules = rulesOpening(chart.one(NetworkPolicy.class, name), "TCP", port);
        assertEquals(1, rules.size(), name);
        return rules.get(0);
    }

    private static List<NetworkPolicyIngressRule> rulesOpening(NetworkPolicy policy, String protocol, int port) {
        return policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(p -> protocol.equals(p.getProtocol())
                        && p.getPort().getIntVal() <= port
                        && port <= (p.getEndPort() != null ? p.getEndPort() : p.getPort().getIntVal())))
                .toList();
    }

    /** The components selected by the podSelector peers (same release only). */
    private static List<String> componentsOf(List<NetworkPolicyPeer> peers) {
        return peers.stream()
                .filter(peer -> peer.getPodSelector() != null)
                .map(peer -> {
                    Map<String, String> labels = peer.getPodSelector().getMatchLabels();
                    assertEquals(ChartUnderTest.RELEASE, labels.get("app.kubernetes.io/instance"));
                    assertNull(peer.getNamespaceSelector(), "same namespace only");
                    return labels.get("app.kubernetes.io/component");
                })
                .toList();
    }

    private static void assertSelectsAWorkload(RenderedChart chart, NetworkPolicy policy) {
        Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
        boolean selectsSome = chart.workloads().stream()
                .map(Workload::template)
                .anyMatch(t -> selector.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(t.getMetadata().getLabels().get(e.getKey()))));
        assertTrue(selectsSome, () -> policy.getMetadata().getName() + " selects no pod of the release");
    }
}
