package io.callrec.helm;

import static io.callrec.helm.ChartUnderTest.sets;
import static io.callrec.helm.RenderedChart.assertContains;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NOTES.txt tells the admin what to configure on the phones. */
class NotesTest {

    /** NOTES.txt as printed by a client-only dry-run install (no cluster needed). */
    static String notes(Path valuesFile, Map<String, Object> sets) {
        InstallCommand install = new Helm(ChartUnderTest.CHART_DIR).install()
                .withName(ChartUnderTest.RELEASE)
                .withNamespace(ChartUnderTest.NAMESPACE)
                .clientOnly()
                .withDryRunOption(DryRun.CLIENT);
        if (valuesFile != null) {
            install = install.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            install = install.set(set.getKey(), set.getValue());
        }
        return install.call().getOutput();
    }

    @Test
    void notesTellTheStaticPhoneFacingAddressAndPort() {
        String notes = notes(ChartUnderTest.PRODUCTION_VALUES, sets());

        assertContains(notes, "Recording server address: 10.10.0.50");
        assertContains(notes, "Recording server port:    5070 (TCP)");
        assertContains(notes, "UDP 50000-51999");
    }

    @Test
    void notesTellHowToReadTheLoadBalancerAddressWhenItIsAssignedLater() {
        String notes = notes(null, sets());

        assertContains(notes, "kubectl get service callrec-control-gateway --namespace telephony");
        assertContains(notes, "Recording server port:    7100 (TCP)");
        assertContains(notes, "UDP 20000-24999");
        assertContains(notes, "SIPREC recording clients (PBX, SBC): port 5060 (UDP, TCP)");
        assertContains(notes, "URL record (the phones' record key): http://ADDRESS:8085/url-record?mac=<MAC>");
        assertFalse(notes.contains("SIPREC over TLS"), notes);
    }

    @Test
    void notesNameTheSipTlsPortWhenEnabled() {
        String notes = notes(null, sets("controlGateway.sip.tls.enabled", true,
                "controlGateway.sip.tls.existingSecret", "callrec-sip-tls",
                "controlGateway.sip.tls.requireClientCertificate", true));

        assertContains(notes, "SIPREC over TLS: port 5061 (client certificate from the Secret's ca.crt required)");
    }

    @Test
    void notesNameThePerPodRtpHostsInLoadBalancerPerPodMode() {
        String notes = notes(null, sets("rtpIngest.networking.mode", "loadBalancerPerPod",
                "rtpIngest.networking.loadBalancerPerPod.dnsDomain", "rtp.example.com"));

        assertContains(notes, "<pod name>.rtp.example.com");
        assertContains(notes, "callrec-rtp-ingest-0 ... -1");
    }
}
