package io.callrec.helm;

import static io.callrec.helm.ChartUnderTest.fqdn;
import static io.callrec.helm.ChartUnderTest.sets;
import static io.callrec.helm.RenderedChart.assertContains;
import static io.callrec.helm.RenderedChart.env;
import static io.callrec.helm.RenderedChart.envValue;
import static io.callrec.helm.RenderedChart.resolvePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The services' environment points at the Kafka, PostgreSQL and S3 the admin configured. */
class ServiceWiringTest {

    @Test
    void externalKafkaPostgresqlAndS3EndpointsComeFromTheValues() {
        JsonNode values = ChartUnderTest.readValues(ChartUnderTest.PRODUCTION_VALUES);
        RenderedChart chart = ChartUnderTest.renderWith(ChartUnderTest.PRODUCTION_VALUES);

        String bootstrap = values.at("/kafka/bootstrapServers").asText();
        for (String service : ChartUnderTest.SERVICES) {
            assertEquals(bootstrap, envValue(chart.workload(service).mainContainer(), "KAFKA_BOOTSTRAP_SERVERS"), service);
        }

        JsonNode pg = values.get("postgresql");
        String address = pg.get("host").asText() + ":" + pg.get("port").asInt() + "/" + pg.get("database").asText();
        Container catalog = chart.workload("catalog-api").mainContainer();
        assertEquals("postgresql://" + address, envValue(catalog, "QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals("jdbc:postgresql://" + address, envValue(catalog, "QUARKUS_DATASOURCE_JDBC_URL"));
        assertSecretRef(catalog, "QUARKUS_DATASOURCE_USERNAME", pg.get("existingSecret").asText(), pg.get("usernameKey").asText());
        assertSecretRef(catalog, "QUARKUS_DATASOURCE_PASSWORD", pg.get("existingSecret").asText(), pg.get("passwordKey").asText());

        JsonNode s3 = values.get("s3");
        String url = "https://" + s3.get("host").asText() + ":" + s3.get("port").asInt();
        for (String service : List.of("transcoder", "catalog-api")) {
            Container container = chart.workload(service).mainContainer();
            assertEquals(url, envValue(container, "QUARKUS_MINIO_HOST"), service);
            assertEquals(s3.get("port").asText(), envValue(container, "QUARKUS_MINIO_PORT"), service);
            assertEquals("true", envValue(container, "QUARKUS_MINIO_SECURE"), service);
            assertEquals(s3.get("region").asText(), envValue(container, "QUARKUS_MINIO_REGION"), service);
            assertEquals(s3.get("bucket").asText(), envValue(container, "CALLREC_STORAGE_BUCKET"), service);
            assertSecretRef(container, "QUARKUS_MINIO_ACCESS_KEY", s3.get("existingSecret").asText(), s3.get("accessKeyKey").asText());
            assertSecretRef(container, "QUARKUS_MINIO_SECRET_KEY", s3.get("existingSecret").asText(), s3.get("secretKeyKey").asText());
        }
        for (String service : List.of("control-gateway", "rtp-ingest")) {
            Container container = chart.workload(service).mainContainer();
            assertTrue(env(container, "QUARKUS_MINIO_HOST").isEmpty(), service + " gets no storage credentials");
            assertTrue(env(container, "QUARKUS_DATASOURCE_PASSWORD").isEmpty(), service + " gets no database credentials");
        }
        assertTrue(env(chart.workload("transcoder").mainContainer(), "QUARKUS_DATASOURCE_PASSWORD").isEmpty());

        JsonNode oidc = values.at("/catalogApi/auth/oidc");
        assertEquals("prod,oidc", envValue(catalog, "QUARKUS_PROFILE"), "the oidc profile is the switch");
        assertEquals(oidc.get("authServerUrl").asText(), envValue(catalog, "QUARKUS_OIDC_AUTH_SERVER_URL"));
        assertEquals(oidc.get("clientId").asText(), envValue(catalog, "QUARKUS_OIDC_CLIENT_ID"));
        assertSecretRef(catalog, "QUARKUS_OIDC_CREDENTIALS_SECRET", "callrec-oidc", "client-secret");
        JsonNode web = oidc.get("webSignIn");
        assertEquals(web.get("clientId").asText(), envValue(catalog, "QUARKUS_OIDC_WEB_CLIENT_ID"));
        assertSecretRef(catalog, "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET", web.get("existingSecret").asText(),
                web.get("key").asText());
        assertEquals(web.get("providerName").asText(), envValue(catalog, "CALLREC_SIGN_IN_PROVIDER_NAME"));
        assertEquals("true", envValue(catalog, "QUARKUS_OIDC_WEB_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME"),
                "TLS ends at the Ingress: the provider sends the browser back over https");
        assertEquals("true", envValue(catalog, "QUARKUS_OIDC_WEB_AUTHENTICATION_COOKIE_FORCE_SECURE"));
    }

    @Test
    void externalModeRendersNoBundledInfrastructure() {
        RenderedChart chart = ChartUnderTest.renderDefaults();

        for (String component : List.of("kafka", "postgresql", "minio", "minio-bucket")) {
            assertFalse(chart.hasComponent(component), component);
        }
        // Credentials come from the admin's existing Secrets; the chart makes only the internal API's token.
        assertEquals(List.of("callrec-rtp-ingest-internal-token"),
                chart.all(Secret.class).stream().map(secret -> secret.getMetadata().getName()).toList());
        Container catalog = chart.workload("catalog-api").mainContainer();
        assertTrue(env(catalog, "QUARKUS_PROFILE").isEmpty(), "built-in users, no token check");
        assertTrue(env(catalog, "QUARKUS_CONFIG_LOCATIONS").isEmpty(), "no users unless a Secret names them");
        assertTrue(env(catalog, "QUARKUS_OIDC_AUTH_SERVER_URL").isEmpty());
        assertEquals("kafka:9092", envValue(catalog, "KAFKA_BOOTSTRAP_SERVERS"));
    }

    @Test
    void evaluationModeWiresTheServicesToTheBundledKafkaPostgresqlAndMinio() {
        RenderedChart chart = ChartUnderTest.renderWith(ChartUnderTest.EVALUATION_VALUES);

        Service kafka = chart.one(Service.class, "callrec-kafka");
        String bootstrap = fqdn("callrec-kafka") + ":" + kafka.getSpec().getPorts().get(0).getPort();
        for (String service : ChartUnderTest.SERVICES) {
            assertEquals(bootstrap, envValue(chart.workload(service).mainContainer(), "KAFKA_BOOTSTRAP_SERVERS"), service);
        }
        String brokerConfig = chart.one(ConfigMap.class, "callrec-kafka").getData().get("server.properties");
        assertContains(brokerConfig, "advertised.listeners=PLAINTEXT://" + bootstrap + "\n");
        assertContains(brokerConfig, "process.roles=broker,controller\n");
        assertContains(brokerConfig, "auto.create.topics.enable=false\n");
        assertSelects(kafka, chart.one(StatefulSet.class, "callrec-kafka"));

        Container catalog = chart.workload("catalog-api").mainContainer();
        Service postgresql = chart.one(Service.class, "callrec-postgresql");
        String database = fqdn("callrec-postgresql") + ":" + postgresql.getSpec().getPorts().get(0).getPort() + "/callrec";
        assertEquals("jdbc:postgresql://" + database, envValue(catalog, "QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("postgresql://" + database, envValue(catalog, "QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertSelects(postgresql, chart.one(StatefulSet.class, "callrec-postgresql"));
        Secret pgSecret = chart.one(Secret.class, "callrec-postgresql");
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            SecretKeySelector ref = env(catalog, variable).orElseThrow().getValueFrom().getSecretKeyRef();
            assertEquals(pgSecret.getMetadata().getName(), ref.getName());
            assertTrue(pgSecret.getData().containsKey(ref.getKey()), variable + " key " + ref.getKey());
        }

        Service minio = chart.one(Service.class, "callrec-minio");
        String s3Url = "http://" + fqdn("callrec-minio") + ":" + minio.getSpec().getPorts().get(0).getPort();
        Secret minioSecret = chart.one(Secret.class, "callrec-minio");
        for (String service : List.of("transcoder", "catalog-api")) {
            Container container = chart.workload(service).mainContainer();
            assertEquals(s3Url, envValue(container, "QUARKUS_MINIO_HOST"), service);
            assertEquals("false", envValue(container, "QUARKUS_MINIO_SECURE"), service);
            for (String variable : List.of("QUARKUS_MINIO_ACCESS_KEY", "QUARKUS_MINIO_SECRET_KEY")) {
                SecretKeySelector ref = env(container, variable).orElseThrow().getValueFrom().getSecretKeyRef();
                assertEquals(minioSecret.getMetadata().getName(), ref.getName());
                assertTrue(minioSecret.getData().containsKey(ref.getKey()), variable + " key " + ref.getKey());
            }
        }
        assertSelects(minio, chart.one(StatefulSet.class, "callrec-minio"));

        Job bucketJob = chart.all(Job.class).get(0);
        Container createBucket = bucketJob.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(s3Url, envValue(createBucket, "S3_URL"));
        assertEquals("callrec-recordings", envValue(createBucket, "S3_BUCKET"));
    }

    @Test
    void callrecStackServesKafkaPostgresqlAndS3FromOnePodBehindTheSameServiceNames() {
        RenderedChart chart = ChartUnderTest.renderWith(ChartUnderTest.SINGLE_NODE_VALUES);

        assertTrue(chart.all(StatefulSet.class).stream().noneMatch(s -> s.getMetadata().getName().matches(
                "callrec-(kafka|postgresql|minio)")), "no upstream infrastructure");
        assertTrue(chart.all(Job.class).isEmpty(), "the infrastructure creates its bucket itself");
        Deployment infrastructure = chart.one(Deployment.class, "callrec-infrastructure");
        Container container = infrastructure.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("localhost/callrec/infrastructure:0.1.0", container.getImage());
        String kafkaHost = fqdn("callrec-kafka");
        assertEquals(kafkaHost, envValue(container, "CALLREC_INFRA_ADVERTISED_HOST"));
        assertEquals(List.of(kafkaHost),
                infrastructure.getSpec().getTemplate().getSpec().getHostAliases().get(0).getHostnames());
        for (String name : List.of("callrec-kafka", "callrec-postgresql", "callrec-minio")) {
            assertSelects(chart.one(Service.class, name), infrastructure);
        }
        assertEquals(kafkaHost + ":9092",
                envValue(chart.workload("transcoder").mainContainer(), "KAFKA_BOOTSTRAP_SERVERS"));
        Container catalog = chart.workload("catalog-api").mainContainer();
        assertEquals("http://" + fqdn("callrec-minio") + ":9000", envValue(catalog, "QUARKUS_MINIO_HOST"));
        for (String[] pair : new String[][] {{"CALLREC_INFRA_DATABASE_PASSWORD", "QUARKUS_DATASOURCE_PASSWORD"},
                {"CALLREC_INFRA_S3_SECRET_KEY", "QUARKUS_MINIO_SECRET_KEY"}}) {
            SecretKeySelector served = env(container, pair[0]).orElseThrow().getValueFrom().getSecretKeyRef();
            SecretKeySelector used = env(catalog, pair[1]).orElseThrow().getValueFrom().getSecretKeyRef();
            assertEquals(used.getName() + "/" + used.getKey(), served.getName() + "/" + served.getKey(), pair[0]);
        }
    }

    @Test
    void gatewayDiscoversTheIngestPodsThroughTheHeadlessService() {
        RenderedChart chart = ChartUnderTest.renderDefaults();
        Container gateway = chart.workload("control-gateway").mainContainer();
        Service headless = chart.one(Service.class, "callrec-rtp-ingest-headless");
        StatefulSet ingest = chart.one(StatefulSet.class, "callrec-rtp-ingest");

        assertEquals("dns", envValue(gateway, "CALLREC_GATEWAY_INGEST_DISCOVERY"));
        assertEquals(fqdn(headless.getMetadata().getName()), envValue(gateway, "CALLREC_GATEWAY_INGEST_DNS_NAME"));
        assertEquals("None", headless.getSpec().getClusterIP());
        assertEquals(Boolean.FALSE, headless.getSpec().getPublishNotReadyAddresses(), "only ready pods are offered");
        assertEquals(headless.getMetadata().getName(), ingest.getSpec().getServiceName());
        assertSelects(headless, ingest);
        assertEquals(headless.getSpec().getPorts().get(0).getPort(),
                Integer.parseInt(envValue(gateway, "CALLREC_GATEWAY_INGEST_PORT")));
    }

    @Test
    void gatewayServiceIsALoadBalancerOnTheControlSipAndUrlRecordPorts() {
        RenderedChart chart = ChartUnderTest.renderDefaults();
        Service service = chart.one(Service.class, "callrec-control-gateway");
        Container gateway = chart.workload("control-gateway").mainContainer();

        assertEquals("LoadBalancer", service.getSpec().getType());
        assertEquals("Local", service.getSpec().getExternalTrafficPolicy(), "the gateway sees the phone's address");
        assertEquals(List.of("control", "sip-tcp", "url-record"),
                service.getSpec().getPorts().stream().map(ServicePort::getName).toList());
        ServicePort control = service.getSpec().getPorts().get(0);
        assertEquals("TCP", control.getProtocol());
        assertEquals(7100, control.getPort());
        assertEquals(7100, resolvePort(gateway, control.getTargetPort()));
        assertEquals("7100", envValue(gateway, "CALLREC_GATEWAY_CONTROL_PORT"));
        // This render's Kubernetes (Helm's default, 1.20) takes one protocol per LoadBalancer: SIP over UDP gets a
        // Service of its own (from 1.24 it joins the others; test-k8s validates that render against 1.34).
        Service sipUdp = chart.one(Service.class, "callrec-control-gateway-sip-udp");
        assertEquals("LoadBalancer", sipUdp.getSpec().getType());
        assertSelects(sipUdp, chart.one(Deployment.class, "callrec-control-gateway"));
        for (ServicePort sip : List.of(sipUdp.getSpec().getPorts().get(0), service.getSpec().getPorts().get(1))) {
            assertEquals(5060, sip.getPort());
            assertEquals(5060, resolvePort(gateway, sip.getTargetPort()));
        }
        assertEquals("UDP", sipUdp.getSpec().getPorts().get(0).getProtocol());
        assertEquals("TCP", service.getSpec().getPorts().get(1).getProtocol());
        assertEquals("5060", envValue(gateway, "CALLREC_SIP_PORT"));
        assertEquals("true", envValue(gateway, "CALLREC_SIP_ENABLED"));
        ServicePort urlRecord = service.getSpec().getPorts().get(2);
        assertEquals(8085, urlRecord.getPort());
        assertEquals(8080, resolvePort(gateway, urlRecord.getTargetPort()), "the gateway's HTTP port");
        assertEquals("8080", envValue(gateway, "QUARKUS_HTTP_PORT"));
        assertSelects(service, chart.one(Deployment.class, "callrec-control-gateway"));
    }

    @Test
    void sipTransportsAndUrlRecordAreSwitchedByTheValues() {
        RenderedChart tcpOnly = ChartUnderTest.render(null, Map.of("controlGateway.sip.transports[0]", "TCP",
                "controlGateway.sip.port", 5080, "controlGateway.urlRecord.enabled", false));
        Service service = tcpOnly.one(Service.class, "callrec-control-gateway");
        assertEquals(List.of("control", "sip-tcp"),
                service.getSpec().getPorts().stream().map(ServicePort::getName).toList());
        assertEquals(5080, service.getSpec().getPorts().get(1).getPort());
        assertEquals("5080", envValue(tcpOnly.workload("control-gateway").mainContainer(), "CALLREC_SIP_PORT"));

        RenderedChart noSip = ChartUnderTest.render(null, Map.of("controlGateway.sip.enabled", false));
        assertEquals(List.of("control", "url-record"), noSip.one(Service.class, "callrec-control-gateway").getSpec()
                .getPorts().stream().map(ServicePort::getName).toList());
        assertEquals("false", envValue(noSip.workload("control-gateway").mainContainer(), "CALLREC_SIP_ENABLED"));
    }

    @Test
    void sipOverTlsIsAPortOfItsOwnReadingTheMountedSecret() {
        RenderedChart chart = ChartUnderTest.render(null, sets("controlGateway.sip.tls.enabled", true,
                "controlGateway.sip.tls.existingSecret", "callrec-sip-tls",
                "controlGateway.sip.tls.requireClientCertificate", true));
        Service service = chart.one(Service.class, "callrec-control-gateway");
        Container gateway = chart.workload("control-gateway").mainContainer();
        ServicePort tls = service.getSpec().getPorts().stream().filter(p -> p.getName().equals("sip-tls"))
                .findFirst().orElseThrow();
        assertEquals("TCP", tls.getProtocol());
        assertEquals(5061, tls.getPort());
        assertEquals(5061, resolvePort(gateway, tls.getTargetPort()));
        assertEquals("5061", envValue(gateway, "CALLREC_SIP_TLS_PORT"));

        // The gateway reads the Secret's keys where the Secret is mounted.
        Volume volume = chart.one(Deployment.class, "callrec-control-gateway").getSpec().getTemplate().getSpec()
                .getVolumes().stream().filter(v -> v.getName().equals("sip-tls")).findFirst().orElseThrow();
        assertEquals("callrec-sip-tls", volume.getSecret().getSecretName());
        VolumeMount mount = gateway.getVolumeMounts().stream().filter(m -> m.getName().equals("sip-tls"))
                .findFirst().orElseThrow();
        assertTrue(mount.getReadOnly());
        assertEquals(mount.getMountPath() + "/tls.crt", envValue(gateway, "CALLREC_SIP_TLS_CERTIFICATE"));
        assertEquals(mount.getMountPath() + "/tls.key", envValue(gateway, "CALLREC_SIP_TLS_KEY"));
        assertEquals(mount.getMountPath() + "/ca.crt", envValue(gateway, "CALLREC_SIP_TLS_CLIENT_CA"));

        RenderedChart anyClient = ChartUnderTest.render(null, sets("controlGateway.sip.tls.enabled", true,
                "controlGateway.sip.tls.existingSecret", "callrec-sip-tls"));
        assertTrue(env(anyClient.workload("control-gateway").mainContainer(), "CALLREC_SIP_TLS_CLIENT_CA").isEmpty(),
                "no client certificate asked for unless required");
    }

    @Test
    void sipOverTlsWithoutItsSecretIsRefused() {
        Exception refused = assertThrows(Exception.class,
                () -> ChartUnderTest.template(null, Map.of("controlGateway.sip.tls.enabled", true)));
        assertContains(refused.getMessage(), "controlGateway.sip.tls.existingSecret");
    }

    @Test
    void gatewayServicePortAndAddressComeFromTheValues() {
        JsonNode values = ChartUnderTest.readValues(ChartUnderTest.PRODUCTION_VALUES).at("/controlGateway/service");
        Service service = ChartUnderTest.renderWith(ChartUnderTest.PRODUCTION_VALUES)
                .one(Service.class, "callrec-control-gateway");

        assertEquals(values.get("port").asInt(), service.getSpec().getPorts().get(0).getPort());
        assertEquals(values.get("loadBalancerIP").asText(), service.getSpec().getLoadBalancerIP());
        assertEquals(List.of("10.20.0.0/16", "10.21.0.0/16"), service.getSpec().getLoadBalancerSourceRanges());
    }

    @Test
    void catalogApiIngressIsOptionalAndRoutesToItsService() {
        assertTrue(ChartUnderTest.renderDefaults().all(Ingress.class).isEmpty(), "no Ingress by default");

        RenderedChart chart = ChartUnderTest.renderWith(ChartUnderTest.PRODUCTION_VALUES);
        Ingress ingress = chart.one(Ingress.class, "callrec-catalog-api");
        IngressRule rule = ingress.getSpec().getRules().get(0);
        IngressServiceBackend backend = rule.getHttp().getPaths().get(0).getBackend().getService();
        Service service = chart.one(Service.class, backend.getName());
        assertEquals("recordings.example.com", rule.getHost());
        assertEquals(List.of("recordings.example.com"), ingress.getSpec().getTls().get(0).getHosts());
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(backend.getPort().getName())));
        assertSelects(service, chart.one(Deployment.class, "callrec-catalog-api"));
    }

    @Test
    void builtInUsersComeFromTheNamedSecretAndOnlyWithoutOidc() {
        RenderedChart chart = ChartUnderTest.render(null, sets("catalogApi.auth.builtInUsers.existingSecret", "callrec-users"));
        RenderedChart.Workload catalog = chart.workload("catalog-api");

        assertEquals("/etc/callrec/sign-in/users.properties", envValue(catalog.mainContainer(), "QUARKUS_CONFIG_LOCATIONS"));
        assertTrue(catalog.pod().getVolumes().stream().anyMatch(v -> v.getSecret() != null
                && "callrec-users".equals(v.getSecret().getSecretName())
                && "users.properties".equals(v.getSecret().getItems().get(0).getKey())));

        RenderedChart oidc = ChartUnderTest.render(null, sets("catalogApi.auth.builtInUsers.existingSecret", "callrec-users",
                "catalogApi.auth.mode", "oidc", "catalogApi.auth.oidc.authServerUrl", "https://sso.example.com/realms/x",
                "catalogApi.auth.oidc.clientId", "callrec", "catalogApi.auth.oidc.webSignIn.enabled", false));
        assertTrue(env(oidc.workload("catalog-api").mainContainer(), "QUARKUS_CONFIG_LOCATIONS").isEmpty());
    }

    @Test
    void oidcModeRequiresTheAuthServerUrl() {
        Exception refused = assertThrows(Exception.class, () -> ChartUnderTest.template(null,
                sets("catalogApi.auth.mode", "oidc", "catalogApi.auth.oidc.clientId", "callrec")));

        assertContains(refused.getMessage(), "catalogApi.auth.oidc.authServerUrl is required");
    }

    @Test
    void webSignInWithOidcRequiresTheWebClientsSecretOrIsSwitchedOff() {
        Exception refused = assertThrows(Exception.class, () -> ChartUnderTest.template(null,
                sets("catalogApi.auth.mode", "oidc", "catalogApi.auth.oidc.authServerUrl", "https://sso.example.com/realms/x",
                        "catalogApi.auth.oidc.clientId", "callrec", "catalogApi.auth.oidc.webSignIn.clientId", "callrec-web")));
        assertContains(refused.getMessage(), "catalogApi.auth.oidc.webSignIn.existingSecret (the web client's secret) is required");

        Container apiOnly = ChartUnderTest.render(null, sets("catalogApi.auth.mode", "oidc",
                "catalogApi.auth.oidc.authServerUrl", "https://sso.example.com/realms/x", "catalogApi.auth.oidc.clientId",
                "callrec", "catalogApi.auth.oidc.webSignIn.enabled", false)).workload("catalog-api").mainContainer();
        assertEquals("false", envValue(apiOnly, "QUARKUS_OIDC_WEB_TENANT_ENABLED"), "the page then offers no sign-in");
        assertTrue(env(apiOnly, "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET").isEmpty());
    }

    private static void assertSecretRef(Container container, String variable, String secret, String key) {
        EnvVar env = env(container, variable).orElseThrow(() -> new AssertionError(container.getName() + " has no " + variable));
        assertNotNull(env.getValueFrom(), variable + " comes from a Secret");
        assertEquals(secret, env.getValueFrom().getSecretKeyRef().getName(), variable + " Secret");
        assertEquals(key, env.getValueFrom().getSecretKeyRef().getKey(), variable + " key");
    }

    /** The Service's selector matches the workload's pod labels. */
    private static void assertSelects(Service service, HasMetadata workload) {
        Map<String, String> podLabels;
        if (workload instanceof StatefulSet statefulSet) {
            podLabels = statefulSet.getSpec().getTemplate().getMetadata().getLabels();
        } else if (workload instanceof Deployment deployment) {
            podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        } else {
            throw new IllegalArgumentException(workload.getKind());
        }
        assertFalse(service.getSpec().getSelector().isEmpty());
        service.getSpec().getSelector().forEach((label, value) ->
                assertEquals(value, podLabels.get(label), service.getMetadata().getName() + " selector " + label));
    }
}
